export { PrometheusClient, byteLength } from './prometheusClient';
export type { ClientOptions, QueryAnswer, VisitedAnswer } from './prometheusClient';
export { PrometheusError } from './errors';
export { fetchTransport } from './transport';
export type { HttpTransport, TransportRequest, TransportResponse } from './transport';
export type { VectorSample, PlannedQuery } from './types';
export { visitVector, parseSampleValue } from './vectorAnswer';
export type { SampleVisitor } from './vectorAnswer';
