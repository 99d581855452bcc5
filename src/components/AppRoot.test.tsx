import React from 'react';
import { render, screen, waitFor } from '@testing-library/react';
import { AppRootProps, PluginType } from '@grafana/data';
import { setBackendSrv, setDataSourceSrv } from '@grafana/runtime';

import { AppRoot, DATASOURCE_TYPE, TRAFFIC_DASHBOARD_URL } from './AppRoot';

const props = {
  basename: '/a/meshgraph-traffic-app',
  meta: { id: 'meshgraph-traffic-app', name: 'Meshgraph', type: PluginType.app, enabled: true, jsonData: {} },
  query: {},
  path: '',
  onNavChanged: jest.fn(),
} as unknown as AppRootProps;

function withDatasources(
  list: Array<{ uid: string; name: string }>,
  health: Record<string, { status: number; body: object }>
) {
  const getList = jest.fn(() => list);
  setDataSourceSrv({ getList } as never);
  setBackendSrv({
    get: jest.fn(async (url: string) => {
      const uid = decodeURIComponent(/uid\/([^/]+)\/health/.exec(url)![1]);
      const answer = health[uid];
      if (answer.status !== 200) {
        throw { status: answer.status, data: answer.body };
      }
      return answer.body;
    }),
  } as never);
  return getList;
}

describe('AppRoot', () => {
  it('lists each Meshgraph datasource with what its backend found, healthy or not, and links to the dashboard', async () => {
    const getList = withDatasources(
      [
        { uid: 'mesh', name: 'Meshgraph' },
        { uid: 'broken', name: 'Meshgraph <staging>' },
      ],
      {
        mesh: { status: 200, body: { status: 'OK', message: 'Connected to Prometheus: 120 Istio request series' } },
        broken: { status: 400, body: { status: 'ERROR', message: 'Cannot reach Prometheus: connection refused' } },
      }
    );
    render(<AppRoot {...props} />);
    expect(getList).toHaveBeenCalledWith({ type: DATASOURCE_TYPE });
    expect(screen.getByText('Open the Istio traffic graph dashboard').closest('a')).toHaveAttribute(
      'href',
      TRAFFIC_DASHBOARD_URL
    );
    await waitFor(() =>
      expect(screen.getByText('Connected to Prometheus: 120 Istio request series')).toBeInTheDocument()
    );
    expect(screen.getByText('Cannot reach Prometheus: connection refused')).toBeInTheDocument();
    // Names are text, never HTML.
    expect(screen.getByText('Meshgraph <staging>')).toBeInTheDocument();
    expect(screen.getAllByTestId('meshgraph-app-datasource')).toHaveLength(2);
  });

  it('says how to start when there is no datasource', () => {
    withDatasources([], {});
    render(<AppRoot {...props} />);
    expect(screen.getByText('No Meshgraph datasource yet')).toBeInTheDocument();
  });
});
