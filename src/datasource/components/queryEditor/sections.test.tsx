import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';

import { installDomStubs } from '../../testing/domStubs';
import { ALL_NAMESPACES, DEFAULT_QUERY, MeshgraphQuery, withQueryDefaults } from '../../types';
import { aggregateOptions, AppendersSection } from './AppendersSection';
import { GraphOptionsSection } from './GraphOptionsSection';
import { graphTypeOptions, namespaceOptions, pickNamespaces } from './NamespacesSection';
import { NodeFocusSection } from './NodeFocusSection';
import { SectionProps } from './sectionProps';
import { TrafficSection } from './TrafficSection';

beforeAll(installDomStubs);

function props(over: Partial<MeshgraphQuery> = {}): SectionProps & { change: jest.Mock; onRunQuery: jest.Mock } {
  return { query: withQueryDefaults({ refId: 'A', ...over }), change: jest.fn(), onRunQuery: jest.fn() };
}

describe('NamespacesSection choices', () => {
  it('lists All, the variables, the namespaces seen, then the query’s other names', () => {
    const values = namespaceOptions(['$namespace'], ['shop'], ['shop', 'legacy', '$namespace', ALL_NAMESPACES]).map(
      (o) => o.value
    );
    expect(values).toEqual([ALL_NAMESPACES, '$namespace', 'shop', 'legacy']);
  });

  it('keeps All and named namespaces apart: the last pick wins', () => {
    expect(pickNamespaces(['shop', ALL_NAMESPACES])).toEqual([ALL_NAMESPACES]);
    expect(pickNamespaces([ALL_NAMESPACES, 'shop', undefined, ''])).toEqual(['shop']);
    expect(pickNamespaces(['a', 'b'])).toEqual(['a', 'b']);
  });

  it('offers dashboard variables as graph types', () => {
    expect(graphTypeOptions(['$graphType', 'odd']).map((o) => o.value)).toEqual([
      'versionedApp',
      'app',
      'workload',
      'service',
      '$graphType',
    ]);
  });
});

describe('query editor sections', () => {
  it('GraphOptionsSection: the duration runs on blur; boxes and rollup only for graphs', () => {
    const p = props();
    const { rerender } = render(<GraphOptionsSection {...p} isGraph />);
    fireEvent.change(screen.getByLabelText('Duration'), { target: { value: '10m' } });
    expect(p.change).toHaveBeenCalledWith({ duration: '10m' }, false);
    fireEvent.blur(screen.getByLabelText('Duration'));
    expect(p.onRunQuery).toHaveBeenCalledTimes(1);
    expect(screen.getByLabelText('Rollup')).toBeInTheDocument();
    rerender(<GraphOptionsSection {...p} isGraph={false} />);
    expect(screen.queryByLabelText('Rollup')).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Box by')).not.toBeInTheDocument();
  });

  it('GraphOptionsSection: service nodes show on for the service graph', () => {
    render(<GraphOptionsSection {...props({ graphType: 'service', injectServiceNodes: false })} isGraph />);
    expect(screen.getByLabelText('Inject service nodes')).toBeChecked();
  });

  it('TrafficSection: a protocol’s rate changes only that protocol', () => {
    const p = props();
    render(<TrafficSection {...p} />);
    fireEvent.click(screen.getByRole('radio', { name: 'None' }));
    expect(p.change).toHaveBeenCalledWith({ rates: { ...DEFAULT_QUERY.rates, http: 'none' } });
  });

  it('AppendersSection: switches turn appenders off; a custom operation label is offered', () => {
    const p = props({ aggregate: 'graphql_op' });
    render(<AppendersSection {...p} />);
    fireEvent.click(screen.getByLabelText('Health'));
    expect(p.change).toHaveBeenCalledWith({ health: false });
    expect(aggregateOptions('graphql_op').map((o) => o.value)).toContain('graphql_op');
    expect(aggregateOptions('request_operation').filter((o) => o.value === 'request_operation')).toHaveLength(1);
  });

  it('NodeFocusSection: fields appear with a focus; the version only for apps; text runs on blur', () => {
    const none = props();
    const { unmount } = render(<NodeFocusSection {...none} />);
    expect(screen.queryByLabelText('Node name')).not.toBeInTheDocument();
    unmount();
    const app = props({ node: { kind: 'app', namespace: 'shop', name: '' } });
    render(<NodeFocusSection {...app} />);
    expect(screen.getByLabelText('Node name')).toHaveAttribute('placeholder', '$app');
    fireEvent.change(screen.getByLabelText('Node version'), { target: { value: 'v2' } });
    expect(app.change).toHaveBeenCalledWith(
      { node: { kind: 'app', namespace: 'shop', name: '', version: 'v2' } },
      false
    );
    fireEvent.blur(screen.getByLabelText('Node version'));
    expect(app.onRunQuery).toHaveBeenCalledTimes(1);
  });
});
