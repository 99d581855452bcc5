import { DataSourcePlugin } from '@grafana/data';

import { ConfigEditor } from './components/ConfigEditor';
import { QueryEditor } from './components/QueryEditor';
import { DataSource } from './datasource';
import { MeshgraphOptions, MeshgraphQuery, MeshgraphSecureOptions } from './types';

export const plugin = new DataSourcePlugin<DataSource, MeshgraphQuery, MeshgraphOptions, MeshgraphSecureOptions>(
  DataSource
)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
