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

/** The parts of an internal id: `<prefix>_<cluster>_<namespace>_<name>` (or `<cluster>_unknown_source`). */
export interface IdParts {
  prefix: 'unknown' | 'svc' | 'wl' | 'vapp' | 'app';
  nodeType: NodeType;
  namespace: string;
  name: string;
}

/** Fills `out` per §5.1; returns false when workload, app and service are all not OK (sample skipped). */
export function resolveIdParts(
  out: IdParts,
  serviceNs: string,
  service: string,
  workloadNs: string,
  workload: string,
  app: string,
  version: string,
  graphType: GraphType
): boolean {
  const namespace = isOK(workloadNs) ? workloadNs : serviceNs;
  out.namespace = namespace;
  if (namespace === 'unknown' && workload === 'unknown' && app === 'unknown' && service === '') {
    out.prefix = 'unknown';
    out.nodeType = 'unknown';
    out.name = '';
    return true;
  }
  if (workload === 'unknown' && app === 'unknown' && service === 'unknown') {
    out.prefix = 'svc';
    out.nodeType = 'service';
    out.name = 'unknown';
    return true;
  }
  const wlOK = isOK(workload);
  const appOK = isOK(app);
  const svcOK = isOK(service);
  if (!wlOK && !appOK && !svcOK) {
    return false;
  }
  if (graphType === 'workload' || graphType === 'service') {
    if (wlOK) {
      out.prefix = 'wl';
      out.nodeType = 'workload';
      out.name = workload;
    } else {
      out.prefix = 'svc';
      out.nodeType = 'service';
      out.name = svcOK ? service : 'unknown';
    }
    return true;
  }
  if (appOK) {
    out.nodeType = 'app';
    if (graphType === 'versionedApp' && wlOK) {
      out.prefix = 'vapp';
      out.name = workload;
    } else if (graphType === 'versionedApp' && isOKVersion(version)) {
      out.prefix = 'vapp';
      out.name = app + '_' + version;
    } else {
      out.prefix = 'app';
      out.name = app;
    }
    return true;
  }
  if (wlOK) {
    out.prefix = 'wl';
    out.nodeType = 'workload';
    out.name = workload;
  } else {
    out.prefix = 'svc';
    out.nodeType = 'service';
    out.name = service;
  }
  return true;
}

export function idOf(p: IdParts, cluster: string): string {
  return p.prefix === 'unknown'
    ? cluster + '_unknown_source'
    : p.prefix + '_' + cluster + '_' + p.namespace + '_' + p.name;
}

export function newIdParts(): IdParts {
  return { prefix: 'wl', nodeType: 'workload', namespace: '', name: '' };
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
  const p = newIdParts();
  if (!resolveIdParts(p, serviceNs, service, workloadNs, workload, app, version, graphType)) {
    return undefined;
  }
  return { id: idOf(p, cluster), nodeType: p.nodeType, namespace: p.namespace };
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
      return graphType === 'versionedApp'
        ? { app, workload: workload || undefined, version: version || undefined }
        : { app };
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
