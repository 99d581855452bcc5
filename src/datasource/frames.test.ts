import { FieldType } from '@grafana/data';

import type { FrameDTO } from '../engine/output/frameFields';
import { toGrafanaFrames } from './frames';

const dtos = (): FrameDTO[] => [
  {
    name: 'nodes',
    fields: [
      { name: 'id', type: 'string', values: ['a'] },
      { name: 'arc__healthy', type: 'number', values: [1], config: { color: { mode: 'fixed', fixedColor: 'green' } } },
    ],
    meta: { notices: [{ severity: 'warning', text: 'engine says' }] },
  },
  { name: 'edges', fields: [{ name: 'id', type: 'string', values: [] }, { name: 'hasTraffic', type: 'boolean', values: [] }] },
];

describe('toGrafanaFrames', () => {
  it('sets refId and the Node Graph hint on every frame and keeps field types and configs', () => {
    const [nodes, edges] = toGrafanaFrames(dtos(), 'B', [], []);
    for (const f of [nodes, edges]) {
      expect(f.refId).toBe('B');
      expect(f.meta?.preferredVisualisationType).toBe('nodeGraph');
    }
    expect(nodes.fields[1].type).toBe(FieldType.number);
    expect(nodes.fields[1].config.color).toEqual({ mode: 'fixed', fixedColor: 'green' });
    expect(edges.fields[1].type).toBe(FieldType.boolean);
  });

  it('puts the engine notices and the extra ones, once each, on the first frame only', () => {
    const [nodes, edges] = toGrafanaFrames(
      dtos(),
      'A',
      [
        { severity: 'info', text: 'window clamped' },
        { severity: 'warning', text: 'engine says' },
      ],
      []
    );
    expect(nodes.meta?.notices).toEqual([
      { severity: 'warning', text: 'engine says' },
      { severity: 'info', text: 'window clamped' },
    ]);
    expect(edges.meta?.notices).toEqual([]);
  });

  it('adds the data links to the nodes id field only', () => {
    const links = [{ title: 'x', url: '/d/x' }];
    const [nodes, edges] = toGrafanaFrames(dtos(), 'A', [], links);
    expect(nodes.fields[0].config.links).toEqual(links);
    expect(nodes.fields[1].config.links).toBeUndefined();
    expect(edges.fields[0].config.links).toBeUndefined();
  });
});
