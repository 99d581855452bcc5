import { DEFAULT_OPTIONS } from './options';
import {
  displayDefaults,
  mergeDisplay,
  queryOverrides,
  readOverrides,
  sanitizeOverrides,
  storageKey,
  withChoice,
  writeOverrides,
} from './display';

function memoryStorage() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    m,
  };
}

describe('display choices', () => {
  const defaults = displayDefaults(DEFAULT_OPTIONS);

  it('starts from the panel options and keeps only what differs', () => {
    expect(defaults).toMatchObject({ edgeLabels: [], showIdleNodes: false, layout: 'dagre', colorBlind: false });
    let o = withChoice({}, defaults, 'edgeLabels', ['trafficRate']);
    o = withChoice(o, defaults, 'showIdleNodes', true);
    expect(o).toEqual({ edgeLabels: ['trafficRate'], showIdleNodes: true });
    // Back to the default: not kept.
    expect(withChoice(o, defaults, 'showIdleNodes', false)).toEqual({ edgeLabels: ['trafficRate'] });
    expect(withChoice(o, defaults, 'edgeLabels', [])).toEqual({ showIdleNodes: true });
    expect(mergeDisplay(defaults, o).edgeLabels).toEqual(['trafficRate']);
  });

  it('is stored per dashboard path and panel, and survives bad stored values', () => {
    const s = memoryStorage();
    const key = storageKey('/d/abc/mesh', 4);
    expect(key).toBe('meshgraph.display:/d/abc/mesh#4');
    writeOverrides(s, key, { layout: 'grid', animation: true });
    expect(readOverrides(s, key)).toEqual({ layout: 'grid', animation: true });
    writeOverrides(s, key, {});
    expect(s.m.has(key)).toBe(false);
    s.setItem(key, '{not json');
    expect(readOverrides(s, key)).toEqual({});
    expect(
      sanitizeOverrides({ layout: 'cola', edgeLabels: ['trafficRate', '<b>'], animation: 'yes', boxes: 'app', x: 1 })
    ).toEqual({ edgeLabels: ['trafficRate'], boxes: 'app' });
  });

  it('turns query-level choices into query fields, nothing when none is made', () => {
    expect(queryOverrides(defaults)).toBeUndefined();
    expect(
      queryOverrides({ ...defaults, serviceNodes: false, operationNodes: true, boxes: 'none', showIdleEdges: true })
    ).toEqual({ injectServiceNodes: false, aggregate: 'request_operation', boxBy: [], includeIdleEdges: true });
    expect(queryOverrides({ ...defaults, boxes: 'query' })).toBeUndefined();
  });
});
