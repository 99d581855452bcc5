/** Kiali's node identity rules (§5.1) and field trimming (§5.3). */
import { kialiId } from '../../contract/nodeIds';
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

/**
 * The parts of an internal id: `<prefix>_<cluster>_<namespace>_<name>` (or `<cluster>_unknown_source`). A versioned
 * app node without a workload (Kiali's `vapp_<c>_<ns>_<app>_<version>`) has prefix `vappv` and the name
 * `<app length>:<app><version>`, so that it and a workload named `<app>_<version>` stay two nodes however the labels
 * read (idOf writes it as Kiali's `vapp_…_<app>_<version>`).
 */
export interface IdParts {
  prefix: 'unknown' | 'svc' | 'wl' | 'vapp' | 'vappv' | 'app';
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
      out.prefix = 'vappv';
      out.name = app.length + ':' + app + version;
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

/**
 * One label value as a part of an id: `%`, `_` and space written as `%25`, `%5F` and `%20`. Kiali joins the parts
 * of its ids with `_` as they are, so that cluster `c_x` with namespace `y` and cluster `c` with namespace `x_y`
 * give one id, and edge ids (`<source> <target> <protocol>`) can coincide when label values hold spaces. Escaped,
 * every id names one node and every edge id one edge, whatever the labels hold; a value without those three
 * characters is written as it is, so ids equal Kiali's for ordinary label values. kialiId() undoes it.
 */
export function idPart(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 95 || c === 32 || c === 37) {
      return s.replace(/[%_ ]/g, (ch) => (ch === '%' ? '%25' : ch === '_' ? '%5F' : '%20'));
    }
  }
  return s;
}

/** Kiali's own id for an engine id (its parts unescaped): what Kiali's JSON hashes (the contract's rule). */
export { kialiId };

/**
 * Kiali's unknown-source id `<cluster>_unknown_source` has three parts, as a namespace box `box_<cluster>_<ns>` has:
 * for a cluster named `box` the `b` is escaped (`%62ox_unknown_source`), so the two never coincide.
 */
export function unknownSourceId(cluster: string): string {
  return (cluster === 'box' ? '%62ox' : idPart(cluster)) + '_unknown_source';
}

export function idOf(p: IdParts, cluster: string): string {
  if (p.prefix === 'unknown') {
    return unknownSourceId(cluster);
  }
  const base = (p.prefix === 'vappv' ? 'vapp' : p.prefix) + '_' + idPart(cluster) + '_' + idPart(p.namespace) + '_';
  if (p.prefix !== 'vappv') {
    return base + idPart(p.name);
  }
  const colon = p.name.indexOf(':');
  const appLength = Number(p.name.slice(0, colon));
  const app = p.name.slice(colon + 1, colon + 1 + appLength);
  return base + idPart(app) + '_' + idPart(p.name.slice(colon + 1 + appLength));
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
