/**
 * @jest-environment node
 */
import { meshSeries } from '../../engine/fold/meshFixture.testutil';
import { lean, testOptions } from '../../engine/fold/planRunner.testutil';
import type { FrameDTO } from '../../contract/frameFields';
import { toFrames } from '../../engine/output/frames';
import { graphWireFrames } from './graphFrames';

const LINKS = [{ title: 'Istio workload dashboard', url: '/d/w?var-workload=${__data.fields.workload}' }];

describe('graphWireFrames', () => {
  const model = lean(testOptions({ namespaces: ['shop', 'pay'] }), meshSeries());
  model.notices.push({ severity: 'warning', text: 'engine says' });
  const dtos = toFrames(model);
  const extra = [
    { severity: 'info' as const, text: 'window clamped' },
    { severity: 'warning' as const, text: 'engine says' },
  ];

  it('keeps the engine frames: names, field names, types, values and configs (plus the links)', () => {
    const wire = graphWireFrames(dtos, 'B', extra, LINKS);
    expect(wire.map((f) => f.name)).toEqual(['nodes', 'edges']);
    wire.forEach((frame, i) => {
      expect(frame.refId).toBe('B');
      expect(frame.meta?.preferredVisualisationType).toBe('nodeGraph');
      expect(frame.fields.map((f) => [f.name, f.type])).toEqual(dtos[i].fields.map((f) => [f.name, f.type]));
      frame.fields.forEach((f, k) => {
        const dto = dtos[i].fields[k];
        expect(f.values).toBe(dto.values);
        expect(f.config).toEqual(i === 0 && f.name === 'id' ? { ...dto.config, links: LINKS } : (dto.config ?? {}));
      });
    });
    expect(wire[0].fields[0].values.length).toBe(model.nodes.length);
    expect(wire[1].fields[0].values.length).toBe(model.edges.length);
  });

  it('puts the engine notices, then the extra ones, once each, on the first frame only', () => {
    const [nodes, edges] = graphWireFrames(dtos, 'A', extra, []);
    expect(model.notices.length).toBeGreaterThan(1);
    expect(nodes.meta?.notices).toEqual([
      ...model.notices.map(({ severity, text }) => ({ severity, text })),
      { severity: 'info', text: 'window clamped' },
    ]);
    expect(edges.meta).toEqual({ preferredVisualisationType: 'nodeGraph' });
  });

  it('adds the data links to the nodes id field only, and keeps links a field already has', () => {
    const [nodes, edges] = graphWireFrames(dtos, 'A', [], LINKS);
    expect(nodes.fields.find((f) => f.name === 'id')!.config!.links).toEqual(LINKS);
    expect(nodes.fields.filter((f) => f.config?.links !== undefined).map((f) => f.name)).toEqual(['id']);
    expect(edges.fields.some((f) => f.config?.links !== undefined)).toBe(false);
    const own = [{ title: 'own', url: '/x' }];
    const withOwn = toFrames(model, { links: own });
    expect(graphWireFrames(withOwn, 'A', [], LINKS)[0].fields[0].config!.links).toEqual(own);
  });

  it('keeps other meta, sends unknown notice severities as warnings, and JSON-encodes "other" fields', () => {
    const odd: FrameDTO[] = [
      {
        name: 'nodes',
        fields: [
          { name: 'id', type: 'string', values: ['a', 'b', 'c'] },
          { name: 'blob', type: 'other', values: [{ x: 1 }, 'as is', null] },
        ],
        meta: { notices: [{ severity: 'fatal', text: 'odd' }], ...{ executedQueryString: 'q' } } as FrameDTO['meta'],
      },
    ];
    const [frame] = graphWireFrames(odd, 'A', [], []);
    expect(frame.meta).toEqual({
      executedQueryString: 'q',
      preferredVisualisationType: 'nodeGraph',
      notices: [{ severity: 'warning', text: 'odd' }],
    });
    expect(frame.fields[1]).toMatchObject({ type: 'string', values: ['{"x":1}', 'as is', null] });
  });
});
