/**
 * The modules Grafana shares with plugins at runtime (the externals of the plugin build), registered in SystemJS
 * the way Grafana 12 does it (public/app/features/plugins/loader/sharedDependencies.ts + utils.ts buildImportMap):
 * each module is `System.set('package:<name>', module)` and the import map sends the bare name `<name>` to
 * `package:<name>`. Modules whose AMD consumers want the default export carry `__useDefault: true`.
 * Not provided (not installed here, and unused by create-plugin templates): d3, angular, Grafana's `app/*` paths.
 */
import * as emotionCss from '@emotion/css';
import * as emotionReact from '@emotion/react';
import * as grafanaData from '@grafana/data';
import * as grafanaDataUnstable from '@grafana/data/unstable';
import * as grafanaRuntime from '@grafana/runtime';
import * as grafanaRuntimeUnstable from '@grafana/runtime/unstable';
import * as grafanaUIRaw from '@grafana/ui';
import * as grafanaUIUnstable from '@grafana/ui/unstable';
import i18next from 'i18next';
import jquery from 'jquery';
import * as lodash from 'lodash';
import * as moment from 'moment';
// @ts-ignore -- no type declarations installed; only passed through to plugins
import prismjs from 'prismjs';
import * as react from 'react';
import * as reactDom from 'react-dom';
import * as reactInlineSvg from 'react-inlinesvg';
import * as reactRedux from 'react-redux';
// @ts-ignore -- no type declarations installed; only passed through to plugins
import * as reactRouterDom from 'react-router-dom';
import * as reactRouterCompat from 'react-router-dom-v5-compat';
import * as jsxRuntime from 'react/jsx-runtime';
import * as jsxDevRuntime from 'react/jsx-dev-runtime';
import * as redux from 'redux';
import * as rxjs from 'rxjs';
import * as rxjsOperators from 'rxjs/operators';
// @ts-ignore -- no type declarations installed; only passed through to plugins
import * as slate from 'slate';
// @ts-ignore -- no type declarations installed; only passed through to plugins
import * as slatePlainSerializer from 'slate-plain-serializer';
// @ts-ignore -- no type declarations installed; only passed through to plugins
import * as slateReact from 'slate-react';

export const SHARED_DEPENDENCY_PREFIX = 'package';

// Grafana exposes the plugin base classes on @grafana/ui too (the 6.4 → 6.5 move).
const grafanaUI: Record<string, unknown> = {
  ...grafanaUIRaw,
  PanelPlugin: grafanaData.PanelPlugin,
  DataSourcePlugin: grafanaData.DataSourcePlugin,
  AppPlugin: grafanaData.AppPlugin,
  DataSourceApi: grafanaData.DataSourceApi,
};

const useDefault = (value: unknown) => ({ default: value, __useDefault: true });
const lodashDefault = (lodash as unknown as { default?: unknown }).default ?? lodash;
const momentDefault = (moment as unknown as { default?: unknown }).default ?? moment;

export const sharedModules: Record<string, object> = {
  '@emotion/css': emotionCss,
  '@emotion/react': emotionReact,
  '@grafana/data': grafanaData,
  '@grafana/data/unstable': grafanaDataUnstable,
  '@grafana/runtime': grafanaRuntime,
  '@grafana/runtime/unstable': grafanaRuntimeUnstable,
  '@grafana/ui': grafanaUI,
  '@grafana/ui/unstable': grafanaUIUnstable,
  '@grafana/slate-react': slateReact,
  emotion: emotionCss,
  // Grafana shares its i18next instance so that bundled @grafana/i18n code sees Grafana's translations.
  i18next: useDefault(i18next),
  jquery: useDefault(jquery),
  lodash: useDefault(lodashDefault),
  moment: useDefault(momentDefault),
  prismjs: useDefault(prismjs),
  react,
  'react-dom': reactDom,
  'react-inlinesvg': reactInlineSvg,
  'react-redux': reactRedux,
  'react-router-dom': reactRouterDom,
  'react-router': reactRouterCompat,
  'react/jsx-runtime': jsxRuntime,
  'react/jsx-dev-runtime': jsxDevRuntime,
  redux,
  rxjs,
  'rxjs/operators': rxjsOperators,
  slate,
  'slate-plain-serializer': slatePlainSerializer,
  'slate-react': slateReact,
};

/** The subset of SystemJS 6 this sandbox uses. */
export interface SystemJSLike {
  set(id: string, module: object): unknown;
  addImportMap(map: { imports: Record<string, string> }, base?: string): void;
  import(id: string, parentUrl?: string): Promise<Record<string, unknown>>;
  resolve(id: string, parentUrl?: string): string;
  constructor: { prototype: { resolve: (id: string, parentUrl?: string) => string } };
}

/**
 * Registers every shared module; an unknown bare import then fails with a message naming the module.
 * `overrides` replace single exports of a module (what Grafana does through internal setters at boot).
 */
export function registerSharedModules(
  system: SystemJSLike,
  overrides: Record<string, Record<string, unknown>> = {}
): string[] {
  const imports: Record<string, string> = {};
  for (const [name, module] of Object.entries(sharedModules)) {
    const id = `${SHARED_DEPENDENCY_PREFIX}:${name}`;
    system.set(id, overrides[name] ? { ...module, ...overrides[name] } : module);
    imports[name] = id;
  }
  system.addImportMap({ imports });

  const proto = system.constructor.prototype;
  const originalResolve = proto.resolve;
  proto.resolve = function (id: string, parentUrl?: string) {
    try {
      return originalResolve.call(this, id, parentUrl);
    } catch (err) {
      if (!/^[./]|^[a-z]+:/i.test(id)) {
        throw new Error(
          `sandbox: the plugin imports '${id}'${parentUrl ? ` (from ${parentUrl})` : ''}, which Grafana's shared ` +
            `modules in this sandbox do not provide. Bundle it into the plugin or add it to tests/sandbox/sharedModules.ts.`
        );
      }
      throw err;
    }
  };
  return Object.keys(imports);
}
