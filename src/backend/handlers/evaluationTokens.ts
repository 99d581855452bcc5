/**
 * Tokens naming evaluated graphs: a rolled-up answer carries its evaluation's token (meta.custom.evaluation), and a
 * panel re-asking with it (rollupDeltaFrom) gets only the rows that changed when the backend still holds that very
 * graph (src/contract/rollupDelta.ts). Opaque to everyone else. The random prefix keeps a restarted plugin (whose
 * counter starts again) from taking an older process's token for one of its own graphs.
 */
import { randomBytes } from 'node:crypto';

import type { GraphModel } from '../../engine/model';

const PROCESS_PREFIX = randomBytes(6).toString('base64url');
let issued = 0;
const tokens = new WeakMap<GraphModel, string>();

/** The graph's token, the same for as long as the graph lives. */
export function evaluationToken(model: GraphModel): string {
  let token = tokens.get(model);
  if (token === undefined) {
    issued++;
    token = `${PROCESS_PREFIX}.${issued.toString(36)}`;
    tokens.set(model, token);
  }
  return token;
}
