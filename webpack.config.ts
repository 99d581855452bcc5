/*
 * Root webpack configuration: create-plugin's documented extension point
 * (https://grafana.com/developers/plugin-tools/how-to-guides/extend-configurations#extend-the-webpack-config).
 * `.config/` stays untouched; this file only adds what the nested plugins need.
 */
import CopyWebpackPlugin from 'copy-webpack-plugin';
import path from 'path';
import type { Configuration } from 'webpack';
import { merge } from 'webpack-merge';

import grafanaConfig, { type Env } from './.config/webpack/webpack.config';

// create-plugin copies only the root plugin.json's logos; nested plugins (datasource, panel) reference
// `img/logo.svg` relative to their own folder, so their img/ folders are copied alongside their module.js.
// Paths are relative to the webpack context (src/); globs keep that relative path under dist/.
const nestedAssetPatterns = [
  { from: 'datasource/img/**/*', to: '.', noErrorOnMissing: true },
  { from: 'panel/img/**/*', to: '.', noErrorOnMissing: true },
  // Every plugin.json lists the same screenshots under its own img/screenshots/ (the app's are copied by
  // create-plugin from src/img/screenshots/).
  { from: 'img/screenshots/*.png', to: 'datasource/img/screenshots/[name][ext]' },
  { from: 'img/screenshots/*.png', to: 'panel/img/screenshots/[name][ext]' },
  // src/dashboards/*.json is already copied by create-plugin's `**/*.json` rule (to dist/dashboards/).
];

const config = async (env: Env): Promise<Configuration> => {
  const baseConfig = await grafanaConfig(env);
  return merge(baseConfig, {
    // Invalidate webpack's filesystem cache when this file changes, not only when .config's file does.
    cache: {
      type: 'filesystem',
      buildDependencies: { config: [path.resolve(process.cwd(), 'webpack.config.ts')] },
    },
    plugins: [new CopyWebpackPlugin({ patterns: nestedAssetPatterns })],
  });
};

export default config;
