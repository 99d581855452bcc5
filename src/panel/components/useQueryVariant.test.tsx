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
});
