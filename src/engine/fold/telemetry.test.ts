import { L, LABEL_NAMES } from './telemetry';

describe('telemetry label slots', () => {
  it('each slot of L reads the Istio label of its name', () => {
    expect(LABEL_NAMES[L.srcCluster]).toBe('source_cluster');
    expect(LABEL_NAMES[L.srcVer]).toBe('source_canonical_revision');
    expect(LABEL_NAMES[L.dstSvc]).toBe('destination_service');
    expect(LABEL_NAMES[L.dstVer]).toBe('destination_canonical_revision');
    expect(LABEL_NAMES[L.protocol]).toBe('request_protocol');
    expect(LABEL_NAMES[L.flags]).toBe('response_flags');
    expect(LABEL_NAMES[L.policy]).toBe('connection_security_policy');
    expect(LABEL_NAMES).toHaveLength(L.extra);
  });
});
