import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';

import { installDomStubs } from '../testing/domStubs';
import { normalizeVariableQuery, VariableDataSource } from '../variableQuery';
import { VariableQueryEditor } from './VariableQueryEditor';

beforeAll(installDomStubs);

/** The editor uses nothing of the datasource. */
const ds = {} as VariableDataSource;

describe('VariableQueryEditor', () => {
  it('changes the list kind', async () => {
    const onChange = jest.fn();
    render(
      <VariableQueryEditor
        datasource={ds}
        query={{ refId: 'v', kind: 'namespaces' }}
        onChange={onChange}
        onRunQuery={jest.fn()}
      />
    );
    expect(screen.queryByLabelText('Namespace filter')).not.toBeInTheDocument();
    fireEvent.keyDown(screen.getByLabelText('Variable list'), { key: 'ArrowDown' });
    fireEvent.click(await screen.findByText('Workloads'));
    expect(onChange).toHaveBeenCalledWith({ refId: 'v', kind: 'workloads', namespace: '' });
  });

  it('edits the namespace filter of a workload list', () => {
    const onChange = jest.fn();
    render(
      <VariableQueryEditor
        datasource={ds}
        query={{ refId: 'v', kind: 'workloads' }}
        onChange={onChange}
        onRunQuery={jest.fn()}
      />
    );
    const input = screen.getByLabelText('Namespace filter');
    fireEvent.change(input, { target: { value: '$namespace' } });
    fireEvent.blur(input);
    expect(onChange).toHaveBeenCalledWith({ refId: 'v', kind: 'workloads', namespace: '$namespace' });
  });
});

describe('normalizeVariableQuery', () => {
  it('reads the short text form', () => {
    expect(normalizeVariableQuery('workloads($namespace)')).toMatchObject({
      kind: 'workloads',
      namespace: '$namespace',
    });
    expect(normalizeVariableQuery('clusters')).toMatchObject({ kind: 'clusters', namespace: '' });
    expect(normalizeVariableQuery({ refId: 'x', query: 'apps(bookinfo)' })).toMatchObject({
      refId: 'x',
      kind: 'apps',
      namespace: 'bookinfo',
    });
  });
  it('falls back to namespaces for anything unknown', () => {
    expect(normalizeVariableQuery('drop tables').kind).toBe('namespaces');
    expect(normalizeVariableQuery({ kind: 'pods' }).kind).toBe('namespaces');
  });
});
