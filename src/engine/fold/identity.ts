/** Kiali's node identity rules (§5.1) and field trimming (§5.3). */
import { GraphType, NodeType } from '../model';

export function isOK(v: string | undefined): boolean {
  return v !== undefined && v !== '' && v !== 'unknown';
}

export function isOKVersion(v: string | undefined): boolean {
  return isOK(v) && v !== 'latest';
}

export interface NodeIdentity {
  id: string;
  nodeType: NodeType;
  namespace: string;
}

/** Returns undefined when workload, app and service are all not OK (the sample is skipped). */
export function nodeId(
  cluster: string,
  serviceNs: string,
  service: string,
  workloadNs: string,
  workload: string,
  app: string,
  version: string,
  graphType: GraphType
): NodeIdentity | undefined {
  const namespace = isOK(workloadNs) ? workloadNs : serviceNs;
  const wlOK = isOK(workload);
  const appOK = isOK(app);
  const svcOK = isOK(service);
  if (namespace === 'unknown' && workload === 'unknown' && app === 'unknown' && service === '') {
    return { id: cluster + '_unknown_source', nodeType: 'unknown', namespace };
  }
  if (workload === 'unknown' && app === 'unknown' && service === 'unknown') {
    return { id: 'svc_' + cluster + '_' + namespace + '_unknown', nodeType: 'service', namespace };
  }
  if (!wlOK && !appOK && !svcOK) {
    return undefined;
  }
  if (graphType === 'workload' || graphType === 'service') {
    if (wlOK) {
      return { id: 'wl_' + cluster + '_' + namespace + '_' + workload, nodeType: 'workload', namespace };
    }
    if (svcOK) {
      return { id: 'svc_' + cluster + '_' + namespace + '_' + service, nodeType: 'service', namespace };
    }
    return { id: 'svc_' + cluster + '_' + namespace + '_unknown', nodeType: 'service', namespace };
  }
  if (appOK) {
    if (graphType === 'versionedApp') {
      if (wlOK) {
        return { id: 'vapp_' + cluster + '_' + namespace + '_' + workload, nodeType: 'app', namespace };
      }
      if (isOKVersion(version)) {
        return { id: 'vapp_' + cluster + '_' + namespace + '_' + app + '_' + version, nodeType: 'app', namespace };
      }
    }
    return { id: 'app_' + cluster + '_' + namespace + '_' + app, nodeType: 'app', namespace };
  }
  if (wlOK) {
    return { id: 'wl_' + cluster + '_' + namespace + '_' + workload, nodeType: 'workload', namespace };
  }
  return { id: 'svc_' + cluster + '_' + namespace + '_' + service, nodeType: 'service', namespace };
}

export interface NodeFields {
  workload?: string;
  app?: string;
  version?: string;
  service?: string;
}

/** The identity fields a node of this type keeps (§5.3). */
export function trimFields(
  nodeType: NodeType,
  graphType: GraphType,
  service: string,
  workload: string,
  app: string,
  version: string
): NodeFields {
  switch (nodeType) {
    case 'unknown':
      return { workload: 'unknown', app: 'unknown', version: 'unknown', service: 'unknown' };
    case 'service':
      return { service };
    case 'app':
      return graphType === 'versionedApp' ? { app, workload: workload || undefined, version: version || undefined } : { app };
    case 'workload':
      return {
        workload,
        app: app === 'unknown' || app === '' ? undefined : app,
        version: version === 'unknown' || version === '' ? undefined : version,
      };
    default:
      return {};
  }
}
