import { kialiId, parseNodeId, parseRollupNodeId, rollupIdPart, rollupNodeId } from './nodeIds';

const HOSTILE = ['a_b', 'a b', '100%', '%5F', 'x_unknown_source', 'rollup_cluster_c'];

describe('node ids of the frame contract', () => {
  it.each(HOSTILE)('a rolled-up id keeps the label value %j whole', (value) => {
    expect(parseRollupNodeId(rollupNodeId('namespace', value, value))).toEqual({
      kind: 'namespace',
      cluster: value,
      namespace: value,
    });
    expect(parseRollupNodeId(rollupNodeId('cluster', value))).toEqual({
      kind: 'cluster',
      cluster: value,
      namespace: '',
    });
    expect(rollupIdPart(value)).not.toMatch(/[_ ]/);
  });

  it('reads what each kind of engine id names; box ids and other text are not node ids', () => {
    expect(parseNodeId('wl_c1_shop_cart%5Fv2')).toEqual({
      kind: 'workload',
      cluster: 'c1',
      namespace: 'shop',
      name: 'cart_v2',
    });
    expect(parseNodeId('vapp_c1_shop_cart_v1')).toEqual({
      kind: 'versionedApp',
      cluster: 'c1',
      namespace: 'shop',
      name: 'cart',
      version: 'v1',
    });
    expect(parseNodeId('svc_c1_shop_web')?.kind).toBe('service');
    expect(parseNodeId('app_c1_shop_web')?.kind).toBe('app');
    expect(parseNodeId('%62ox_unknown_source')).toEqual({
      kind: 'unknown',
      cluster: 'box',
      namespace: 'unknown',
      name: '',
    });
    expect(parseNodeId('agg_c1_shop_request_operation_GET')?.kind).toBe('operation');
    expect(parseNodeId(rollupNodeId('cluster', 'c1'))).toEqual({
      kind: 'cluster',
      cluster: 'c1',
      namespace: '',
      name: '',
    });
    expect(parseNodeId('box_c1_shop')).toBeUndefined();
    expect(parseNodeId('a node of another Node Graph source')).toBeUndefined();
  });

  it("gives Kiali's own id back: every escape undone, plain ids unchanged", () => {
    expect(kialiId('wl_c%201_shop_cart%5Fv2%25')).toBe('wl_c 1_shop_cart_v2%');
    expect(kialiId('%62ox_unknown_source')).toBe('box_unknown_source');
    expect(kialiId('svc_c1_shop_web')).toBe('svc_c1_shop_web');
  });
});
