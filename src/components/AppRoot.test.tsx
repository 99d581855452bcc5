import React from 'react';
import { render, screen } from '@testing-library/react';
import { AppRootProps, PluginType } from '@grafana/data';
import { AppRoot, TRAFFIC_DASHBOARD_URL } from './AppRoot';

describe('AppRoot', () => {
  it('links to the bundled dashboard and to adding a datasource', () => {
    const props = {
      basename: '/a/meshgraph-traffic-app',
      meta: { id: 'meshgraph-traffic-app', name: 'Meshgraph', type: PluginType.app, enabled: true, jsonData: {} },
      query: {},
      path: '',
      onNavChanged: jest.fn(),
    } as unknown as AppRootProps;
    render(<AppRoot {...props} />);
    expect(screen.getByTestId('meshgraph-app-root')).toBeInTheDocument();
    expect(screen.getByText('Open the Istio traffic graph dashboard').closest('a')).toHaveAttribute(
      'href',
      TRAFFIC_DASHBOARD_URL
    );
  });
});
