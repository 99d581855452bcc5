/**
 * The operands of Kiali's Find/Hide language (model §10.9), with their aliases, what they apply to (nodes or edges)
 * and the element data they read (flatten.ts). Meshgraph adds `gateway (gw)`, `waypoint` and `box`; `sidecar (sc)`
 * means "has a sidecar" and `outofmesh (om)` "has none", as Kiali's help text documents.
 */
export type Target = 'node' | 'edge';
export type ValueKind = 'number' | 'string';

export interface BinaryOperandDef {
  kind: 'binary';
  name: string;
  aliases: string[];
  target: Target;
  valueKind: ValueKind;
  /** Data properties read; several = "any of them" (negated operators: "none of them"). */
  props: string[];
  /** Allowed values (lower case) mapped to the stored value, for enumerations such as `node`. */
  values?: Record<string, string>;
  needs?: Need;
  help: string;
}

export interface UnaryOperandDef {
  kind: 'unary';
  name: string;
  aliases: string[];
  target: Target;
  test: (data: Record<string, unknown>) => boolean;
  /** Negation when it is not simply !test (Kiali's `!healthy`). */
  negatedTest?: (data: Record<string, unknown>) => boolean;
  needs?: Need;
  help: string;
}

export type OperandDef = BinaryOperandDef | UnaryOperandDef;
export type Need = 'rank' | 'security' | 'responseTime' | 'throughput' | 'idle';

const truthy = (prop: string) => (d: Record<string, unknown>) => {
  const v = d[prop];
  return typeof v === 'number' ? Number.isFinite(v) && v !== 0 : !!v;
};

const bin = (
  name: string,
  aliases: string[],
  target: Target,
  valueKind: ValueKind,
  props: string[],
  help: string,
  extra: Partial<BinaryOperandDef> = {}
): BinaryOperandDef => ({ kind: 'binary', name, aliases, target, valueKind, props, help, ...extra });

const un = (
  name: string,
  aliases: string[],
  target: Target,
  test: UnaryOperandDef['test'],
  help: string,
  extra: Partial<UnaryOperandDef> = {}
): UnaryOperandDef => ({ kind: 'unary', name, aliases, target, test, help, ...extra });

export const OPERANDS: OperandDef[] = [
  // Node, binary
  bin('app', [], 'node', 'string', ['app'], 'app label'),
  bin('cluster', [], 'node', 'string', ['cluster'], 'cluster'),
  bin('grpcin', [], 'node', 'number', ['grpcIn'], 'inbound gRPC rate'),
  bin('grpcout', [], 'node', 'number', ['grpcOut'], 'outbound gRPC rate'),
  bin('httpin', [], 'node', 'number', ['httpIn'], 'inbound HTTP rate'),
  bin('httpout', [], 'node', 'number', ['httpOut'], 'outbound HTTP rate'),
  bin('name', [], 'node', 'string', ['app', 'service', 'workload', 'aggregateValue', 'title'], 'app, service, workload or operation name'),
  bin('node', [], 'node', 'string', ['nodeType'], 'node type: app, operation, service, workload, unknown', {
    values: {
      app: 'app',
      operation: 'aggregate',
      op: 'aggregate',
      service: 'service',
      svc: 'service',
      workload: 'workload',
      wl: 'workload',
      unknown: 'unknown',
      box: 'box',
    },
  }),
  bin('namespace', ['ns'], 'node', 'string', ['namespace'], 'namespace'),
  bin('operation', ['op'], 'node', 'string', ['aggregateValue'], 'operation (aggregate) name'),
  bin('rank', [], 'node', 'number', ['rank'], 'rank 1..100 (1 = most connected)', { needs: 'rank' }),
  bin('service', ['svc'], 'node', 'string', ['service'], 'service name'),
  bin('tcpin', [], 'node', 'number', ['tcpIn'], 'inbound TCP bytes/s'),
  bin('tcpout', [], 'node', 'number', ['tcpOut'], 'outbound TCP bytes/s'),
  bin('version', [], 'node', 'string', ['version'], 'version label'),
  bin('workload', ['wl'], 'node', 'string', ['workload'], 'workload name'),
  // Edge, binary
  bin('destprincipal', [], 'edge', 'string', ['destPrincipal'], 'destination principal', { needs: 'security' }),
  bin('sourceprincipal', [], 'edge', 'string', ['sourcePrincipal'], 'source principal', { needs: 'security' }),
  bin('grpc', [], 'edge', 'number', ['grpc'], 'gRPC rate'),
  bin('%grpcerr', ['%grpcerror'], 'edge', 'number', ['grpcPercentErr'], 'gRPC error %'),
  bin('%grpctraffic', [], 'edge', 'number', ['grpcPercentReq'], 'share of the source’s gRPC traffic %'),
  bin('http', [], 'edge', 'number', ['http'], 'HTTP rate'),
  bin('%httperr', ['%httperror'], 'edge', 'number', ['httpPercentErr'], 'HTTP error %'),
  bin('%httptraffic', [], 'edge', 'number', ['httpPercentReq'], 'share of the source’s HTTP traffic %'),
  bin('protocol', [], 'edge', 'string', ['protocol'], 'http, grpc or tcp', {
    values: { http: 'http', grpc: 'grpc', tcp: 'tcp' },
  }),
  bin('responsetime', ['rt'], 'edge', 'number', ['responseTime'], 'response time (ms)', { needs: 'responseTime' }),
  bin('tcp', [], 'edge', 'number', ['tcp'], 'TCP bytes/s'),
  bin('throughput', [], 'edge', 'number', ['throughput'], 'throughput (bytes/s)', { needs: 'throughput' }),
  // Node, unary
  un('circuitbreaker', ['cb'], 'node', truthy('hasCB'), 'has a circuit breaker'),
  un('dead', [], 'node', truthy('isDead'), 'no pods'),
  un('faultinjection', ['fi'], 'node', truthy('hasFaultInjection'), 'has fault injection'),
  un('healthy', [], 'node', (d) => d.healthStatus === 'Healthy', 'health is Healthy', {
    negatedTest: (d) => !['Healthy', 'NA', 'Not Ready'].includes(String(d.healthStatus ?? 'NA')),
  }),
  un('idle', [], 'node', truthy('isIdle'), 'no traffic in the range', { needs: 'idle' }),
  un('inaccessible', [], 'node', truthy('isInaccessible'), 'in a namespace you cannot see'),
  un('mirroring', [], 'node', truthy('hasMirroring'), 'has mirroring'),
  un('outside', ['outsider'], 'node', truthy('isOutside'), 'outside the selected namespaces'),
  un('requestrouting', ['rr'], 'node', truthy('hasRequestRouting'), 'has request routing'),
  un('requesttimeout', ['rto'], 'node', truthy('hasRequestTimeout'), 'has a request timeout'),
  un('serviceentry', ['se'], 'node', truthy('isServiceEntry'), 'is a ServiceEntry'),
  un('sidecar', ['sc'], 'node', (d) => !truthy('isOutOfMesh')(d), 'has a sidecar (in the mesh)'),
  un('outofmesh', ['om'], 'node', truthy('isOutOfMesh'), 'has no sidecar'),
  un('tcptrafficshifting', ['tcpts'], 'node', truthy('hasTCPTrafficShifting'), 'has TCP traffic shifting'),
  un('trafficshifting', ['ts'], 'node', truthy('hasTrafficShifting'), 'has traffic shifting'),
  un('trafficsource', ['root'], 'node', truthy('isRoot'), 'sends traffic but receives none'),
  un('virtualservice', ['vs'], 'node', truthy('hasVS'), 'has a VirtualService'),
  un('workloadentry', ['we'], 'node', truthy('hasWorkloadEntry'), 'has a WorkloadEntry'),
  un('gateway', ['gw'], 'node', truthy('isGateway'), 'is a gateway'),
  un('waypoint', [], 'node', truthy('isWaypoint'), 'is a waypoint proxy'),
  un('box', [], 'node', (d) => !!d.isBox, 'is a box (namespace, app or cluster)'),
  // Edge, unary
  un('mtls', [], 'edge', (d) => typeof d.isMTLS === 'number' && d.isMTLS > 0, 'carries mutual TLS traffic', {
    needs: 'security',
  }),
  un('traffic', [], 'edge', truthy('hasTraffic'), 'has traffic in the range'),
];

const BY_NAME = new Map<string, OperandDef>();
for (const def of OPERANDS) {
  BY_NAME.set(def.name, def);
  for (const a of def.aliases) {
    BY_NAME.set(a, def);
  }
}

/** Look an operand up by name or alias (lower case); `label:<name>` gives a node-label operand. */
export function lookupOperand(name: string, unary: boolean): OperandDef | undefined {
  const m = /^label:(.+)$/i.exec(name);
  if (m) {
    const prop = `label_${m[1].replace(/[^A-Za-z0-9]/g, '_')}`;
    return unary
      ? un(name, [], 'node', (d) => d[prop] !== undefined && d[prop] !== '', `label ${m[1]} present`)
      : bin(name, [], 'node', 'string', [prop], `label ${m[1]}`);
  }
  return BY_NAME.get(name.toLowerCase());
}
