/** Kiali's graph API defaults (§2.2) as GraphOptions. */
import { GraphOptions } from './model';

type Overrides = Partial<Omit<GraphOptions, 'rates' | 'appenders'>> & {
  rates?: Partial<GraphOptions['rates']>;
  appenders?: Partial<GraphOptions['appenders']>;
};

export function defaultGraphOptions(overrides: Overrides = {}): GraphOptions {
  const { rates, appenders, ...rest } = overrides;
  const options: GraphOptions = {
    namespaces: [],
    graphType: 'workload',
    injectServiceNodes: false,
    duration: 600,
    queryTime: Math.floor(Date.now() / 1000),
    rates: { http: 'requests', grpc: 'requests', tcp: 'sent', ...rates },
    ambientTraffic: 'total',
    includeIdleEdges: false,
    boxBy: [],
    scope: {},
    ...rest,
    appenders: {
      responseTime: false,
      throughput: false,
      securityPolicy: false,
      aggregate: false,
      health: true,
      kubeState: true,
      responseDetails: true,
      ...appenders,
    },
  };
  return options;
}

/** Kiali forces service injection for service graphs. */
export function effectiveInjection(options: GraphOptions): boolean {
  return options.injectServiceNodes || options.graphType === 'service';
}
