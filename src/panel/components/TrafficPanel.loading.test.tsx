import React from 'react';
import { render, screen } from '@testing-library/react';
import { meshEdgesFrame, meshNodesFrame } from '../graph/testing/frames';
import { TrafficPanel } from './TrafficPanel';
import { panelProps, toFrames } from './testProps';

jest.mock('./CytoscapeGraph', () => ({ CytoscapeGraph: () => <div data-testid="graph-stub" /> }));
// The datasource is being asked again (a display choice or an expansion): its answer has not come yet.
jest.mock('./useQueryVariant', () => ({ useQueryVariant: () => ({ loading: true }) }));

describe('TrafficPanel while a display choice is being asked for', () => {
  it('says so over the graph, not as a notice line that would resize it', () => {
    const series = toFrames([
      meshNodesFrame([
        { id: 'a', nodeType: 'workload', namespace: 'shop', workload: 'a' },
        { id: 'b', nodeType: 'workload', namespace: 'shop', workload: 'b' },
      ]),
      meshEdgesFrame([{ source: 'a', target: 'b', protocol: 'http', rates: { total: 1 } }]),
    ]);
    render(<TrafficPanel {...panelProps({ series })} />);
    const loading = screen.getByTestId('meshgraph-loading');
    expect(loading.textContent).toBe('Asking the datasource for the chosen display…');
    expect(loading.getAttribute('role')).toBe('status');
    expect(screen.getByTestId('meshgraph-body').contains(loading)).toBe(true);
    expect(screen.queryByTestId('meshgraph-notices')?.textContent ?? '').not.toContain('Asking the datasource');
    expect(screen.getByTestId('graph-stub')).toBeTruthy();
  });
});
