/** The plugin's answers to Grafana: QueryData, CheckHealth and CallResource over shared instances and evaluations. */
import type { Logger } from '../protocol/hclog';
import type { PluginHandlers } from '../protocol/serve';

import { callResource } from './callResource';
import { checkHealth } from './checkHealth';
import { DEFAULT_LIMITS, EvaluationLimits, GraphEvaluations } from './evaluations';
import { InstanceRegistry } from './instance';
import { queryData } from './queryData';

export interface Handlers extends PluginHandlers {
  instances: InstanceRegistry;
  evaluations: GraphEvaluations;
}

export function createHandlers(log: Logger, limits: EvaluationLimits = DEFAULT_LIMITS): Handlers {
  const instances = new InstanceRegistry();
  const evaluations = new GraphEvaluations(limits);
  return {
    instances,
    evaluations,
    queryData: (request, signal) => queryData(request, { instances, evaluations, log }, signal),
    checkHealth: (request) => checkHealth(request, instances),
    callResource: (request, signal) => callResource(request, instances, signal),
  };
}
