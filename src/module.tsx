import { AppPlugin } from '@grafana/data';
import { AppRoot } from './components/AppRoot';

/** The app bundles the datasource and the panel (nested plugins) and the Istio traffic graph dashboard. */
export const plugin = new AppPlugin<{}>().setRootPage(AppRoot);
