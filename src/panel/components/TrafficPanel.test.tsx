import React from 'react';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { LoadingState } from '@grafana/data';
import { edgeTotals } from '../graph/lazyCells';
import { meshEdgesFrame, meshNodesFrame, tempoFrames } from '../graph/testing/frames';
import type { PanelGraph } from '../graph/types';
import type { CytoscapeGraphProps } from './CytoscapeGraph';
import { TrafficPanel } from './TrafficPanel';
import { panelProps, toFrames } from './testProps';

// The Cytoscape wrapper is tested on its own; here a stub records what the panel passes down.
let lastGraphProps: CytoscapeGraphProps | undefined;
jest.mock('./CytoscapeGraph', () => ({
  CytoscapeGraph: (p: CytoscapeGraphProps) => {
    lastGraphProps = p;
    return (
      <div data-testid="graph-stub" data-layout={p.layout.effective}>
        <button onClick={() => p.onSelect({ kind: 'node', id: 'wl_c1_shop_web-v1' })}>select web</button>
        <button onClick={() => p.onSelect({ kind: 'edge', id: 'wl_c1_shop_web-v1 wl_c1_shop_cart-v1 http' })}>select edge</button>
      </div>
    );
  },
}));

// Grafana's buttons, counted by label at each render (a refresh should not render the toolbar's buttons again).
const buttonRenders = new Map<string, number>();
jest.mock('@grafana/ui', () => {
  const actual = jest.requireActual('@grafana/ui');
  const counted = (Button: React.ElementType) =>
    // eslint-disable-next-line react/display-name
    React.forwardRef((p: { 'aria-label'?: string }, ref) => {
      buttonRenders.set(p['aria-label'] ?? '', (buttonRenders.get(p['aria-label'] ?? '') ?? 0) + 1);
      return <Button ref={ref} {...p} />;
    });
  return { ...actual, IconButton: counted(actual.IconButton), ToolbarButton: counted(actual.ToolbarButton) };
});

// The exporters, with the graph each JSON export is given recorded instead of downloaded.
const exportedGraphs: unknown[] = [];
jest.mock('../export/exporters', () => ({
  ...jest.requireActual('../export/exporters'),
  kialiJson: (g: unknown) => {
    exportedGraphs.push(g);
    return '{}';
  },
  download: jest.fn(),
}));

const XSS = '<img src=x onerror=alert(1)>';
const WEB_TO_CART = 'wl_c1_shop_web-v1 wl_c1_shop_cart-v1 http';

function meshFrames(webToCart = 12.5) {
  const nodes = meshNodesFrame([
    { id: 'wl_c1_shop_web-v1', nodeType: 'workload', namespace: 'shop', workload: 'web-v1', flags: 'isRoot', rates: { httpOut: 12.5 } },
    { id: 'wl_c1_shop_cart-v1', nodeType: 'workload', namespace: 'shop', workload: 'cart-v1', rates: { httpIn: 12.5, httpIn5xx: 0.5 }, healthStatus: 'Degraded' },
    { id: 'wl_c1_shop_evil', nodeType: 'workload', namespace: 'shop', workload: XSS },
  ]);
  nodes.fields.find((f) => f.name === 'id')!.config = {
    links: [{ title: 'Workload dashboard', url: '/d/istio-workload?var-workload=${__data.fields.workload}' }],
  };
  return toFrames([
    nodes,
    meshEdgesFrame([
      {
        source: 'wl_c1_shop_web-v1',
        target: 'wl_c1_shop_cart-v1',
        protocol: 'http',
        rates: { total: webToCart, http5xx: 0.5, percentErr: 4, percentReq: 100 },
        responses: {
          '200': { rate: 12, flags: { '-': 12 }, hosts: { 'cart.shop.svc.cluster.local': 12 } },
          '503': { rate: 0.5, flags: { UF: 0.5 }, hosts: { 'cart.shop.svc.cluster.local': 0.5 } },
        },
        responseTime: 23,
        sourcePrincipal: 'spiffe://cluster.local/ns/shop/sa/web',
        isMTLS: 100,
        healthStatus: 'Degraded',
      },
      { source: 'wl_c1_shop_evil', target: 'wl_c1_shop_cart-v1', protocol: 'tcp', rates: { total: 10 } },
    ]),
  ]);
}

beforeEach(() => {
  lastGraphProps = undefined;
  buttonRenders.clear();
  exportedGraphs.length = 0;
});

describe('TrafficPanel states', () => {
  it('shows loading while the first answer is pending', () => {
    render(<TrafficPanel {...panelProps({ state: LoadingState.Loading, series: [] })} />);
    expect(screen.getByTestId('meshgraph-loading')).toBeInTheDocument();
  });

  it('explains an empty answer with the scrape-interval hint', () => {
    render(<TrafficPanel {...panelProps({ series: [] })} />);
    expect(screen.getByText('No Istio traffic for these namespaces in this range')).toBeInTheDocument();
    expect(screen.getByText(/at least twice the Prometheus\s+scrape interval/)).toBeInTheDocument();
  });

  it('says when frames are not node graph frames', () => {
    render(<TrafficPanel {...panelProps({ series: toFrames([{ name: 'A', fields: [{ name: 'Value', values: [1] }] }]) })} />);
    expect(screen.getByText(/no node graph frames/)).toBeInTheDocument();
  });

  it('shows errors with what to do', () => {
    render(<TrafficPanel {...panelProps({ state: LoadingState.Error, errors: [{ message: 'Unauthorized', status: 401, refId: 'A' }] })} />);
    const err = screen.getByTestId('meshgraph-error');
    expect(within(err).getByText('Unauthorized')).toBeInTheDocument();
    expect(within(err).getByText(/Check the credentials of the data source/)).toBeInTheDocument();
  });

  it('keeps the graph and lists the error as a notice when there is data too', () => {
    render(<TrafficPanel {...panelProps({ series: meshFrames(), errors: [{ message: 'query B timed out' }] })} />);
    expect(screen.getByTestId('graph-stub')).toBeInTheDocument();
    expect(within(screen.getByTestId('meshgraph-notices')).getByText('query B timed out')).toBeInTheDocument();
  });
});

describe('TrafficPanel with a graph', () => {
  it('passes elements, layout and an accessible summary to the graph', () => {
    render(<TrafficPanel {...panelProps({ series: meshFrames() })} />);
    expect(lastGraphProps!.elements.nodes).toHaveLength(3);
    expect(lastGraphProps!.elements.edges).toHaveLength(2);
    expect(lastGraphProps!.layout.effective).toBe('dagre');
    expect(lastGraphProps!.ariaLabel).toBe(
      'Traffic graph: 3 nodes, 2 edges, 1 namespace(s), 1 unhealthy. Use the table view button for a list of nodes and edges.'
    );
  });

  it('uses the fast layout with a notice above the large-graph threshold', () => {
    render(<TrafficPanel {...panelProps({ series: meshFrames() }, { largeGraphThreshold: 2 })} />);
    expect(lastGraphProps!.layout.effective).toBe('layered');
    expect(screen.getByText(/Large graph \(3 nodes, threshold 2\)/)).toBeInTheDocument();
  });

  it('applies Find on Enter, counts matches, and shows parse errors', () => {
    render(<TrafficPanel {...panelProps({ series: meshFrames() })} />);
    const find = screen.getByLabelText('Find');
    fireEvent.change(find, { target: { value: 'httpin > 1' } });
    fireEvent.keyDown(find, { key: 'Enter' });
    expect([...lastGraphProps!.found.nodes]).toEqual(['wl_c1_shop_cart-v1']);
    expect(screen.getByText('1 found')).toBeInTheDocument();
    fireEvent.change(find, { target: { value: 'rt >' } });
    fireEvent.keyDown(find, { key: 'Enter' });
    expect(screen.getByTestId('meshgraph-find-error')).toHaveTextContent('"rt >": a value is missing after ">".');
    expect(find).toHaveAttribute('aria-invalid', 'true');
    expect(lastGraphProps!.found.nodes.size).toBe(0);
  });

  it('applies the Hide expression from the options, with Kiali’s follow-up rules', () => {
    render(<TrafficPanel {...panelProps({ series: meshFrames() }, { hideExpression: 'protocol = tcp' })} />);
    expect([...lastGraphProps!.hidden.edges]).toEqual(['wl_c1_shop_evil wl_c1_shop_cart-v1 tcp']);
    expect([...lastGraphProps!.hidden.nodes]).toEqual(['wl_c1_shop_evil']);
  });

  it('focuses Find on "/"', () => {
    render(<TrafficPanel {...panelProps({ series: meshFrames() })} />);
    fireEvent.keyDown(screen.getByTestId('graph-stub'), { key: '/' });
    expect(screen.getByLabelText('Find')).toHaveFocus();
  });

  it('opens node details with traffic and data links', () => {
    render(<TrafficPanel {...panelProps({ series: meshFrames() })} />);
    fireEvent.click(screen.getByText('select web'));
    const drawer = screen.getByTestId('meshgraph-details');
    expect(within(drawer).getByText('web-v1 (shop)')).toBeInTheDocument();
    expect(within(drawer).getByText('Outbound')).toBeInTheDocument();
    expect(within(drawer).getByText('12.5 rps')).toBeInTheDocument();
    expect(within(drawer).getByText('4%')).toBeInTheDocument();
    expect(within(drawer).getByText(/Traffic source/)).toBeInTheDocument();
    const link = within(drawer).getByText('Workload dashboard').closest('a')!;
    expect(link.getAttribute('href')).toBe('/d/istio-workload?var-workload=web-v1');
    fireEvent.click(within(drawer).getByLabelText('Close details'));
    expect(screen.queryByTestId('meshgraph-details')).not.toBeInTheDocument();
  });

  it("says in the drawer when a row's responses, rates or health text is not JSON, instead of leaving it out", () => {
    const series = meshFrames();
    const cell = (frame: number, name: string) => series[frame].fields.find((f) => f.name === name)!.values as unknown[];
    cell(1, 'responses')[0] = '{"200": {"rate": 12';
    cell(1, 'rates')[0] = 'total=12';
    cell(0, 'health')[0] = 'status=Healthy';
    render(<TrafficPanel {...panelProps({ series })} />);
    fireEvent.click(screen.getByText('select edge'));
    let drawer = screen.getByTestId('meshgraph-details');
    expect(within(drawer).getByText('Unreadable: the responses field of this row is not JSON')).toBeInTheDocument();
    expect(within(drawer).getByText('Unreadable: the rates field of this row is not JSON')).toBeInTheDocument();
    expect(within(drawer).queryByText('503')).not.toBeInTheDocument();
    fireEvent.click(screen.getByText('select web'));
    drawer = screen.getByTestId('meshgraph-details');
    expect(within(drawer).getByText('Unreadable: the health field of this row is not JSON')).toBeInTheDocument();
    // The node's traffic totals say which of its edges they leave out.
    expect(
      within(drawer).getByText(
        'HTTP: 1 edge(s) with a rates or responses field that is not JSON, left out of the errors and responses'
      )
    ).toBeInTheDocument();
  });

  it('opens edge details with response codes, flags, hosts and principals', () => {
    render(<TrafficPanel {...panelProps({ series: meshFrames() }, { responseTimeStat: '95' })} />);
    fireEvent.click(screen.getByText('select edge'));
    const drawer = screen.getByTestId('meshgraph-details');
    expect(within(drawer).getByText('503')).toBeInTheDocument();
    expect(within(drawer).getByText('UF 4%')).toBeInTheDocument();
    expect(within(drawer).getByText('cart.shop.svc.cluster.local 96%')).toBeInTheDocument();
    expect(within(drawer).getByText('Response time (p95)')).toBeInTheDocument();
    expect(within(drawer).getByText('23ms')).toBeInTheDocument();
    expect(within(drawer).getByText('spiffe://cluster.local/ns/shop/sa/web')).toBeInTheDocument();
  });

  it('renders hostile label values as text, never as markup', () => {
    const { container } = render(<TrafficPanel {...panelProps({ series: meshFrames() })} />);
    // the screen-reader table lists the node name
    expect(within(screen.getByTestId('meshgraph-table')).getAllByText(`${XSS} (shop)`)).toHaveLength(2);
    fireEvent.click(screen.getByLabelText('Show as table'));
    expect(screen.getAllByText(`${XSS} (shop)`).length).toBeGreaterThan(0);
    expect(container.querySelector('img')).toBeNull();
    expect(lastGraphProps!.elements.nodes.find((n) => n.data.id === 'wl_c1_shop_evil')!.data.label).toBe(XSS);
  });

  it('toggles the legend and the table view', () => {
    render(<TrafficPanel {...panelProps({ series: meshFrames() })} />);
    expect(screen.queryByTestId('meshgraph-legend')).not.toBeInTheDocument();
    fireEvent.click(screen.getByLabelText('Show legend'));
    expect(screen.getByTestId('meshgraph-legend')).toBeInTheDocument();
    fireEvent.click(screen.getByLabelText('Show as table'));
    expect(screen.queryByTestId('graph-stub')).not.toBeInTheDocument();
    expect(screen.getByText('Edges (2)')).toBeInTheDocument();
    act(() => {
      fireEvent.click(screen.getByLabelText('Show as graph'));
    });
    expect(screen.getByTestId('graph-stub')).toBeInTheDocument();
  });

  it('renders the toolbar buttons once across a refresh, and exports the graph of the last answer', async () => {
    const props = panelProps({ series: meshFrames() });
    const { rerender } = render(<TrafficPanel {...props} />);
    const before = new Map(buttonRenders);
    expect(before.get('Show legend')).toBeGreaterThan(0);
    expect(before.get('Export')).toBeGreaterThan(0);
    // A refresh as Grafana gives it: the same options and callbacks, new frames (the web-v1 → cart-v1 rate moved).
    rerender(<TrafficPanel {...props} data={{ ...props.data, series: meshFrames(99) }} />);
    // The new frames are read in a task of their own, then drawn.
    await waitFor(() => expect(lastGraphProps?.elements.edgeData.get(WEB_TO_CART)?.http).toBe(99));
    for (const label of ['Show legend', 'Show as table', 'Save layout', 'Export']) {
      expect([label, buttonRenders.get(label)]).toEqual([label, before.get(label)]);
    }
    fireEvent.click(screen.getByLabelText('Export'));
    fireEvent.click(screen.getByRole('menuitem', { name: 'Graph as JSON (Kiali format)' }));
    // The exporters load on demand.
    await waitFor(() => expect(exportedGraphs).toHaveLength(1));
    const exported = exportedGraphs[0] as PanelGraph;
    expect(edgeTotals(exported.edges.find((e) => e.id === WEB_TO_CART)!)?.total).toBe(99);
  });

  it('keeps no screen-reader table for a few nodes with thousands of edges (a rolled-up mesh); the table view shows them', () => {
    const ids = Array.from({ length: 40 }, (_, i) => `n${i}`);
    const edges = ids.flatMap((s, i) =>
      ids.filter((_, j) => j !== i).map((t) => ({ source: s, target: t, protocol: 'http' as const, rates: { total: 1 } }))
    );
    const series = toFrames([
      meshNodesFrame(ids.map((id) => ({ id, nodeType: 'workload', namespace: 'shop', workload: id }))),
      meshEdgesFrame(edges),
    ]);
    render(<TrafficPanel {...panelProps({ series })} />);
    expect(screen.queryByTestId('meshgraph-table')).not.toBeInTheDocument();
    fireEvent.click(screen.getByLabelText('Show as table'));
    expect(screen.getByText(`Edges (${40 * 39})`)).toBeInTheDocument();
  });

  it('draws Tempo-like Node Graph frames', () => {
    render(<TrafficPanel {...panelProps({ series: toFrames(tempoFrames()) })} />);
    expect(lastGraphProps!.elements.nodes.map((n) => n.data.label)).toEqual(['frontend\nshop', 'cart\nshop', 'db\ndata']);
  });
});
