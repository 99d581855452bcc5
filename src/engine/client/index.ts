export { PrometheusClient, byteLength } from './prometheusClient';
export type { ClientOptions, QueryAnswer, VisitedAnswer } from './prometheusClient';
export { PrometheusError } from './errors';
export { fetchTransport, textSource } from './transport';
export type { HttpTransport, TextSource, TransportRequest, TransportResponse } from './transport';
export type { VectorSample, PlannedQuery } from './types';
export { visitVector, parseSampleValue, MAX_SAMPLE_VALUE, PROBLEM_TEXT } from './vectorAnswer';
export type { SampleVisitor, SampleProblem, ValueProblem, ProblemCounts } from './vectorAnswer';
