import { both, dst, req, src } from '../fold/meshFixture.testutil';
import { lean, testOptions } from '../fold/planRunner.testutil';
import { formatPercent, formatRate, rateToString } from '../../contract/kiali/format';
import { toKialiJson } from '../../contract/kiali/kialiJson';
import { sha256Hex } from '../../contract/kiali/sha256';

describe('sha256Hex', () => {
  it('matches the standard test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('a'.repeat(1000))).toBe('41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3');
  });
  it("agrees with Node's crypto on UTF-8 text and block-boundary lengths", () => {
    const { createHash } = require('crypto') as typeof import('crypto');
    for (const t of ['ünïcødé 😀', 'x'.repeat(55), 'y'.repeat(56), 'z'.repeat(64), 'wl_c1_shop_cart-v1']) {
      expect(sha256Hex(t)).toBe(createHash('sha256').update(t, 'utf8').digest('hex'));
    }
  });
});

describe("Kiali's rateToString", () => {
  it('uses at least 2 decimals for rates and 1 for percentages, more to show one digit, at most 5', () => {
    expect(formatRate(12.5)).toBe('12.50');
    expect(formatRate(0.004)).toBe('0.004');
    expect(formatRate(0.0005)).toBe('0.0005');
    expect(formatRate(0.0000001)).toBe('0.00000');
    expect(formatPercent(33.3333)).toBe('33.3');
    expect(formatPercent(100)).toBe('100.0');
    expect(formatPercent(0.05)).toBe('0.05');
    expect(rateToString(2, 1234.5678)).toBe('1234.57');
  });
});

describe('toKialiJson', () => {
  it("reproduces the reference document's example (§7.6)", () => {
    const web = src('shop', 'web-v1', 'web', 'v1', 'c1');
    const cart = dst('shop', 'cart-v1', 'cart', 'v1', 'c1');
    const m = lean(testOptions({ namespaces: ['shop'], duration: 300, queryTime: 1700000000 }), [
      ...both(web, cart, '200', 12),
      req('source', web, cart, '503', 0.5, { flags: 'UF' }),
    ]);
    expect(toKialiJson(m)).toEqual({
      timestamp: 1700000000,
      duration: 300,
      graphType: 'workload',
      elements: {
        nodes: [
          {
            data: {
              id: '9d3be0a53f0100a78d14dd2a58f0acc29ff02ec4b7551e38e5b8de8deea009fd',
              nodeType: 'workload',
              cluster: 'c1',
              namespace: 'shop',
              workload: 'cart-v1',
              app: 'cart',
              version: 'v1',
              destServices: [{ cluster: 'c1', namespace: 'shop', name: 'cart' }],
              traffic: [{ protocol: 'http', rates: { httpIn: '12.50', httpIn5xx: '0.50' } }],
              healthData: null,
            },
          },
          {
            data: {
              id: '270b920b6c875070fd9b7332f8a7db9ef8c9016a3cfac7cb8546b7ff8dc8d3d3',
              nodeType: 'workload',
              cluster: 'c1',
              namespace: 'shop',
              workload: 'web-v1',
              app: 'web',
              version: 'v1',
              traffic: [{ protocol: 'http', rates: { httpOut: '12.50' } }],
              healthData: null,
              isRoot: true,
            },
          },
        ],
        edges: [
          {
            data: {
              id: 'f8ecf5aa83a1a3dfc8ca733c8b465cffe47e149ff60855d5cac67edbfda76f51',
              source: '270b920b6c875070fd9b7332f8a7db9ef8c9016a3cfac7cb8546b7ff8dc8d3d3',
              target: '9d3be0a53f0100a78d14dd2a58f0acc29ff02ec4b7551e38e5b8de8deea009fd',
              traffic: {
                protocol: 'http',
                rates: { http: '12.50', http5xx: '0.50', httpPercentErr: '4.0', httpPercentReq: '100.0' },
                responses: {
                  '200': { flags: { '-': '96.0' }, hosts: { 'cart.shop.svc.cluster.local': '96.0' } },
                  '503': { flags: { UF: '4.0' }, hosts: { 'cart.shop.svc.cluster.local': '4.0' } },
                },
              },
            },
          },
        ],
      },
    });
  });

  it('writes idle edges as {protocol} only, boxes first with hashed parents', () => {
    const m = lean(testOptions({ namespaces: ['shop'], graphType: 'versionedApp', boxBy: ['app'] }), [
      ...both(src('shop', 'web-v1'), dst('shop', 'cart-v1'), '200', 0.0001),
      ...both(src('shop', 'web-v1'), dst('shop', 'cart-v2', 'cart', 'v2'), '200', 1),
    ]);
    const j = toKialiJson(m);
    const box = j.elements.nodes[0].data;
    expect(box).toMatchObject({ nodeType: 'box', isBox: 'app', app: 'cart', id: sha256Hex('box_c1_shop_cart') });
    const members = j.elements.nodes.filter((n) => n.data.parent === box.id);
    expect(members.map((n) => n.data.version).sort()).toEqual(['v1', 'v2']);
    const idle = j.elements.edges.find((e) => e.data.target === sha256Hex('vapp_c1_shop_cart-v1'))!;
    expect(idle.data.traffic).toEqual({ protocol: 'http' });
  });
});
