import type { MeshgraphQuery } from '../../types';

/** What every section of the query editor gets: the query (defaults filled in) and how to change it. */
export interface SectionProps {
  query: MeshgraphQuery;
  /** Merges the patch into the query; runs it unless `run` is false (text fields run on blur). */
  change: (patch: Partial<MeshgraphQuery>, run?: boolean) => void;
  onRunQuery: () => void;
}

/** Label width of a section's first field, so the sections line up. */
export const LABEL_WIDTH = 20;
