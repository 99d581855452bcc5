/**
 * Boxes (§8): app, namespace and cluster boxes, nested through `parent`, only those the options ask for. Departure
 * from Kiali: its backend (graph/config/common/common.go NewConfig) and UI (GraphDataSource) always add app boxes to
 * app and versionedApp graphs; here `boxBy` decides for every graph type, so a graph asked without boxes has none
 * (Grafana's Node Graph panel would draw box rows as grey nodes without edges). Box ids are Kiali's
 * (`box_<cluster>_<namespace>_<app>`, graph/config/common/common.go) with each part escaped as node ids are.
 */
import { BoxBy, GraphModel, GraphNode } from '../model';
import { emptyNodeRates } from '../fold/trafficMap';
import { idPart } from '../fold/identity';

function box(kind: BoxBy, id: string, cluster: string, namespace: string, app?: string): GraphNode {
  const n: GraphNode = { id, nodeType: 'box', isBox: kind, cluster, namespace, rates: emptyNodeRates() };
  if (app !== undefined) {
    n.app = app;
  }
  return n;
}

function group(nodes: GraphNode[], key: (n: GraphNode) => string | undefined): Map<string, GraphNode[]> {
  const m = new Map<string, GraphNode[]>();
  for (const n of nodes) {
    const k = key(n);
    if (k !== undefined) {
      const list = m.get(k);
      list ? list.push(n) : m.set(k, [n]);
    }
  }
  return m;
}

export function applyBoxes(model: GraphModel, boxBy: BoxBy[]): void {
  const boxes: GraphNode[] = [];
  const members = model.nodes;
  if (boxBy.includes('app')) {
    const g = group(members, (n) =>
      n.parent === undefined && n.app && n.app !== 'unknown' && n.nodeType !== 'box'
        ? `box_${idPart(n.cluster)}_${idPart(n.namespace)}_${idPart(n.app)}`
        : undefined
    );
    for (const [id, list] of g) {
      if (list.length >= 2) {
        boxes.push(box('app', id, list[0].cluster, list[0].namespace, list[0].app));
        list.forEach((n) => (n.parent = id));
      }
    }
  }
  const all = () => [...members, ...boxes];
  if (boxBy.includes('namespace')) {
    const g = group(all(), (n) =>
      n.parent === undefined && n.namespace !== 'unknown'
        ? `box_${idPart(n.cluster)}_${idPart(n.namespace)}`
        : undefined
    );
    if (g.size >= 2) {
      for (const [id, list] of g) {
        if (list.length >= 2) {
          boxes.push(box('namespace', id, list[0].cluster, list[0].namespace));
          list.forEach((n) => (n.parent = id));
        }
      }
    }
  }
  if (boxBy.includes('cluster')) {
    const g = group(all(), (n) =>
      n.parent === undefined && n.cluster !== 'unknown' ? `box_${idPart(n.cluster)}` : undefined
    );
    if (g.size >= 2) {
      for (const [id, list] of g) {
        if (list.length >= 2) {
          boxes.push(box('cluster', id, list[0].cluster, ''));
          list.forEach((n) => (n.parent = id));
        }
      }
    }
  }
  model.nodes = [...boxes, ...members];
}
