import React from 'react';
import { act, render } from '@testing-library/react';
import { LoadingState, type PanelData } from '@grafana/data';
import { of } from 'rxjs';
import { useQueryVariant, type QueryVariant } from './useQueryVariant';

const query = jest.fn();
jest.mock('@grafana/runtime', () => ({
  getDataSourceSrv: () => ({
    get: async () => ({ type: 'meshgraph-istio-datasource', meta: { id: 'meshgraph-istio-datasource' }, query }),
  }),
}));

function data(requestId: string, targets: Array<Record<string, unknown>>): PanelData {
  return {
    state: LoadingState.Done,
    series: [{ name: 'dashboard', fields: [], length: 0 }],
    timeRange: {} as never,
    request: { requestId, targets, range: {}, scopedVars: {} } as never,
  };
}

function Probe({ d, o, seen }: { d: PanelData; o?: Record<string, unknown>; seen: QueryVariant[] }) {
  seen.push(useQueryVariant(d, o));
  return null;
}

describe('useQueryVariant', () => {
  beforeEach(() => {
    query.mockReset();
    query.mockImplementation(() => of({ data: [{ name: 'variant', fields: [], length: 0 }] }));
  });

  it('asks nothing when there is no choice, or the targets already say it', async () => {
    const seen: QueryVariant[] = [];
    const targets = [{ refId: 'A', namespaces: ['x'], injectServiceNodes: false }];
    render(<Probe d={data('r1', targets)} seen={seen} />);
    render(<Probe d={data('r1', targets)} o={{ injectServiceNodes: false }} seen={seen} />);
    // A default the target leaves out counts as said (boxBy: namespace).
    render(<Probe d={data('r1', [{ refId: 'A', namespaces: ['x'] }])} o={{ boxBy: ['namespace'] }} seen={seen} />);
    await act(async () => undefined);
    expect(query).not.toHaveBeenCalled();
    expect(seen.every((v) => v.data === undefined && !v.loading)).toBe(true);
  });

  it('asks the datasource with the dashboard request and only the chosen fields changed', async () => {
    const seen: QueryVariant[] = [];
    const targets = [{ refId: 'A', namespaces: ['$namespace'], graphType: 'app' }];
    render(<Probe d={data('r2', targets)} o={{ injectServiceNodes: false }} seen={seen} />);
    await act(async () => undefined);
    expect(query).toHaveBeenCalledTimes(1);
    const req = query.mock.calls[0][0];
    expect(req.requestId).toBe('r2-display');
    expect(req.targets).toEqual([
      { refId: 'A', namespaces: ['$namespace'], graphType: 'app', injectServiceNodes: false },
    ]);
    const last = seen[seen.length - 1];
    expect(last.loading).toBe(false);
    expect(last.data?.series[0].name).toBe('variant');
  });

  it('never shows an older variant again once the dashboard data was on screen', async () => {
    const targets = [{ refId: 'A', namespaces: ['x'] }];
    let answer = 'expanded a';
    query.mockImplementation(() => of({ data: [{ name: answer, fields: [], length: 0 }] }));
    const seen: QueryVariant[] = [];
    const view = render(<Probe d={data('r3', targets)} o={{ rollupExpand: ['a'] }} seen={seen} />);
    await act(async () => undefined);
    expect(seen[seen.length - 1].data?.series[0].name).toBe('expanded a');
    // Everything collapsed: no variant, the dashboard's data.
    view.rerender(<Probe d={data('r3', targets)} o={undefined} seen={seen} />);
    await act(async () => undefined);
    // Another namespace expanded: while it loads, what shows is the dashboard's data, not 'expanded a'.
    answer = 'expanded b';
    const from = seen.length;
    view.rerender(<Probe d={data('r3', targets)} o={{ rollupExpand: ['b'] }} seen={seen} />);
    await act(async () => undefined);
    const after = seen.slice(from);
    expect(after.some((v) => v.loading)).toBe(true);
    expect(after.every((v) => v.data?.series[0].name !== 'expanded a')).toBe(true);
    expect(after[after.length - 1].data?.series[0].name).toBe('expanded b');
  });

  describe('expansions answered as changes', () => {
    const custom = (expanded: string[], extra: Record<string, unknown> = {}) => ({
      rollup: { by: 'namespace', expanded },
      evaluation: 'ev-1',
      ...extra,
    });
    const col = (name: string, values: unknown[]) => ({ name, type: 'string', values, config: {} });
    const heldData = (targets: Array<Record<string, unknown>>): PanelData => ({
      ...data('r4', targets),
      series: [
        { name: 'nodes', refId: 'A', meta: { custom: custom([]) }, fields: [col('id', ['ns:a', 'ns:b'])], length: 2 },
        { name: 'edges', refId: 'A', fields: [col('id', ['ns:a>ns:b'])], length: 1 },
      ] as never,
    });
    const deltaAnswer = (from: string[]) => ({
      data: [
        {
          name: 'nodes',
          refId: 'A',
          meta: { custom: custom(['ns:a'], { delta: { from, removedNodes: [], removedEdges: ['ns:a>ns:b'] } }) },
          fields: [col('id', ['ns:a', 'a/w'])],
          length: 2,
        },
        { name: 'edges', refId: 'A', fields: [col('id', ['a/w>ns:b'])], length: 1 },
      ],
    });

    it('sends the view on screen and applies the changed rows to it', async () => {
      query.mockImplementation(() => of(deltaAnswer([])));
      const seen: QueryVariant[] = [];
      const targets = [{ refId: 'A', namespaces: ['x'] }];
      render(<Probe d={heldData(targets)} o={{ rollupExpand: ['ns:a'] }} seen={seen} />);
      await act(async () => undefined);
      expect(query).toHaveBeenCalledTimes(1);
      expect(query.mock.calls[0][0].targets).toEqual([
        { refId: 'A', namespaces: ['x'], rollupExpand: ['ns:a'], rollupDeltaFrom: { evaluation: 'ev-1', expand: [] } },
      ]);
      const series = seen[seen.length - 1].data!.series;
      expect(series.map((f) => f.fields[0].values)).toEqual([['ns:a', 'ns:b', 'a/w'], ['a/w>ns:b']]);
      expect(series[0].meta?.custom).toEqual(custom(['ns:a']));
    });

    it('asks again for the whole view when the changes are for another one', async () => {
      const whole = { data: [{ name: 'nodes', refId: 'A', fields: [col('id', ['whole'])], length: 1 }] };
      query.mockImplementationOnce(() => of(deltaAnswer(['ns:b']))).mockImplementation(() => of(whole));
      const seen: QueryVariant[] = [];
      render(<Probe d={heldData([{ refId: 'A', namespaces: ['x'] }])} o={{ rollupExpand: ['ns:a'] }} seen={seen} />);
      await act(async () => undefined);
      expect(query).toHaveBeenCalledTimes(2);
      expect(query.mock.calls[0][0].targets[0].rollupDeltaFrom).toEqual({ evaluation: 'ev-1', expand: [] });
      expect(query.mock.calls[1][0].targets[0].rollupDeltaFrom).toBeUndefined();
      expect(seen[seen.length - 1].data?.series[0].fields[0].values).toEqual(['whole']);
    });

    it('asks whole when the choice is not an expansion', async () => {
      const seen: QueryVariant[] = [];
      render(<Probe d={heldData([{ refId: 'A', namespaces: ['x'] }])} o={{ boxBy: [] }} seen={seen} />);
      await act(async () => undefined);
      expect(query.mock.calls[0][0].targets[0].rollupDeltaFrom).toBeUndefined();
    });
  });
});
