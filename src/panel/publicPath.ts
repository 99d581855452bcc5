/**
 * Where the panel's on-demand chunks (export, fCoSE) are fetched from. create-plugin's `grafana-public-path`
 * sets webpack's public path to the folder of the module that loads, `…/meshgraph-traffic-app/panel/` for this
 * nested panel, but webpack writes every chunk of the three plugins relative to the app's dist/ root (the panel's
 * are named `panel/<name>.js`). So the panel's runtime takes the app's folder, as the other two plugins have it.
 */
declare let __webpack_public_path__: string;

if (typeof __webpack_public_path__ === 'string' && /\/panel\/$/.test(__webpack_public_path__)) {
  __webpack_public_path__ = __webpack_public_path__.replace(/panel\/$/, '');
}

export {};
