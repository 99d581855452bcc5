/** Ids of rolled-up nodes and their cluster boxes: the id rules are the contract's (src/contract/nodeIds.ts). */
import { rollupIdPart } from '../../contract/nodeIds';

/** Box ids of the clusters around rolled-up nodes (`box_<cluster>`, as the box appender names cluster boxes). */
export function clusterBoxId(cluster: string): string {
  return `box_${rollupIdPart(cluster)}`;
}
