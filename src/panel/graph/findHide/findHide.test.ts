import { FIND_PRESETS, HIDE_PRESETS, hiddenBySelection, parseFindHide, prepare, select } from './index';

type D = Record<string, unknown> & { id: string };

const nodes: D[] = [
  { id: 'box', isBox: 'namespace', namespace: 'shop', nodeType: 'box', healthStatus: 'NA' },
  { id: 'web', parent: 'box', nodeType: 'workload', namespace: 'shop', app: 'web', workload: 'web-v1', version: 'v1', httpIn: NaN, httpOut: 12, healthStatus: 'Healthy', isRoot: true, rank: 2 },
  { id: 'cart', parent: 'box', nodeType: 'workload', namespace: 'shop', app: 'cart', workload: 'cart-v1', version: 'v1', httpIn: 12, httpOut: 0, healthStatus: 'Failure', rank: 1, isOutOfMesh: true },
  { id: 'svc', nodeType: 'service', namespace: 'other', service: 'payments', httpIn: 3, healthStatus: 'Degraded', rank: 3, isOutside: true },
  { id: 'unk', nodeType: 'unknown', namespace: 'unknown', healthStatus: 'NA', rank: 3 },
  { id: 'idle', nodeType: 'workload', namespace: 'shop', workload: 'idle-v1', healthStatus: 'NA', isIdle: true, rank: 4 },
  { id: 'tempo', nodeType: 'generic', title: 'frontend', healthStatus: 'NA', rank: 4 },
];
const edges: Array<D & { source: string; target: string }> = [
  { id: 'e1', source: 'web', target: 'cart', protocol: 'http', http: 12, httpPercentErr: 4, responseTime: 1500, isMTLS: 100, hasTraffic: true, sourcePrincipal: 'spiffe://cluster.local/ns/shop/sa/web' },
  { id: 'e2', source: 'cart', target: 'svc', protocol: 'tcp', tcp: 2048, http: NaN, responseTime: NaN, isMTLS: -1, hasTraffic: true },
  { id: 'e3', source: 'unk', target: 'web', protocol: 'http', http: 0, responseTime: 20, isMTLS: 0, hasTraffic: false },
];
const els = { nodes, edges };

function find(expr: string): string[] {
  const r = parseFindHide(expr);
  if (!r.ok) {
    throw new Error(r.error);
  }
  const s = select(r.query, els);
  return [...s.nodes, ...s.edges].sort();
}

function error(expr: string): string {
  const r = parseFindHide(expr);
  if (r.ok) {
    throw new Error(`expected an error for ${expr}`);
  }
  return r.error;
}

describe('prepare', () => {
  it('drops filler words and maps word operators', () => {
    expect(prepare('  has   cb ')).toBe('cb');
    expect(prepare('not is healthy')).toBe('!healthy');
    expect(prepare('app contains rev')).toBe('app *= rev');
    expect(prepare('app not contains rev')).toBe('app !*= rev');
    expect(prepare('ns startswith book')).toBe('ns ^= book');
    expect(prepare('ns endswith info')).toBe('ns $= info');
  });
});

describe('parse and select: operand kinds', () => {
  it('node string operands with every string operator', () => {
    expect(find('app = web')).toEqual(['web']);
    expect(find('app != web')).toEqual(['box', 'cart', 'idle', 'svc', 'tempo', 'unk']);
    expect(find('workload *= -v1')).toEqual(['cart', 'idle', 'web']);
    expect(find('wl !*= -v1')).toEqual(['box', 'svc', 'tempo', 'unk']);
    expect(find('ns ^= sh')).toEqual(['box', 'cart', 'idle', 'web']);
    expect(find('ns !^= sh')).toEqual(['svc', 'tempo', 'unk']);
    expect(find('svc $= ments')).toEqual(['svc']);
    expect(find('svc !$= ments')).not.toContain('svc');
    expect(find('version = v1')).toEqual(['cart', 'web']);
  });

  it('name looks at app, service, workload, operation and title', () => {
    expect(find('name = payments')).toEqual(['svc']);
    expect(find('name = frontend')).toEqual(['tempo']);
    expect(find('name = cart-v1')).toEqual(['cart']);
    // negated: none of the names may match
    expect(find('name != web')).not.toContain('web');
    expect(find('name = unknown')).toEqual([]);
  });

  it('node type values and aliases', () => {
    expect(find('node = svc')).toEqual(['svc']);
    expect(find('node = workload')).toEqual(['cart', 'idle', 'web']);
    expect(find('node = unknown')).toEqual(['unk']);
  });

  it('numeric node operands, NaN meaning has no value', () => {
    expect(find('httpin > 5')).toEqual(['cart']);
    expect(find('httpin >= 3')).toEqual(['cart', 'svc']);
    expect(find('httpout < 1')).toEqual(['cart']);
    expect(find('httpout <= 12 AND httpout > 0')).toEqual(['web']);
    expect(find('httpin = NaN')).toEqual(['box', 'idle', 'tempo', 'unk', 'web']);
    expect(find('httpin != NaN')).toEqual(['cart', 'svc']);
    expect(find('rank <= 2')).toEqual(['cart', 'web']);
    expect(find('rank > 2')).toEqual(['idle', 'svc', 'tempo', 'unk']);
  });

  it('edge operands', () => {
    expect(find('rt > 1000')).toEqual(['e1']);
    expect(find('responsetime < 100')).toEqual(['e3']);
    expect(find('protocol = tcp')).toEqual(['e2']);
    expect(find('%httperr > 1')).toEqual(['e1']);
    expect(find('tcp > 1024')).toEqual(['e2']);
    expect(find('http >= 0')).toEqual(['e1', 'e3']);
    expect(find('sourceprincipal *= sa/web')).toEqual(['e1']);
  });

  it('unary operands, negation and aliases', () => {
    expect(find('healthy')).toEqual(['web']);
    // Kiali: !healthy = status not in Healthy, NA, Not Ready
    expect(find('!healthy')).toEqual(['cart', 'svc']);
    expect(find('not healthy')).toEqual(['cart', 'svc']);
    expect(find('is root')).toEqual(['web']);
    expect(find('trafficsource')).toEqual(['web']);
    expect(find('outside')).toEqual(['svc']);
    expect(find('idle')).toEqual(['idle']);
    expect(find('om')).toEqual(['cart']);
    expect(find('!sc')).toEqual(['cart']);
    expect(find('mtls')).toEqual(['e1']);
    expect(find('!mtls')).toEqual(['e2', 'e3']);
    expect(find('traffic')).toEqual(['e1', 'e2']);
    expect(find('box')).toEqual(['box']);
  });

  it('AND binds tighter than OR; node and edge criteria mix across OR', () => {
    expect(find('ns = shop AND httpin > 5 OR node = svc')).toEqual(['cart', 'svc']);
    expect(find('healthy OR rt > 1000')).toEqual(['e1', 'web']);
    expect(find('app = web and version = v2')).toEqual([]);
  });

  it('an empty expression selects nothing', () => {
    expect(find('')).toEqual([]);
    expect(find('   ')).toEqual([]);
  });

  it('collects what the expression relies on', () => {
    const r = parseFindHide('rank <= 2 OR rt > 100 OR mtls');
    expect(r.ok && r.query.needs.sort()).toEqual(['rank', 'responseTime', 'security']);
  });
});

describe('parse errors are readable', () => {
  it.each([
    ['foo = bar', 'Unknown operand "foo".'],
    ['bogus', 'Unknown operand "bogus".'],
    ['app', '"app" needs an operator and a value, e.g. "app = value".'],
    ['rt', '"responsetime" needs an operator and a value, e.g. "responsetime > 1".'],
    ['healthy = yes', '"healthy" takes no value: write "healthy" or "!healthy".'],
    ['app >', '"app >": a value is missing after ">".'],
    ['= web', '"= web": an operand is missing before "=".'],
    ['app > web', '"app" is text: use = != *= !*= ^= !^= $= !$= (not ">").'],
    ['rt *= 10', '"responsetime" is a number: use = != > >= < <= (not "*=").'],
    ['rt > fast', '"rt > fast": "fast" is not a number.'],
    ['node = pod', '"node" must be one of: app, operation, op, service, svc, workload, wl, unknown, box (got "pod").'],
    ['healthy AND rt > 10', 'Node and edge criteria can only be combined with OR: "healthy" is about nodes, "rt > 10" about edges.'],
    ['healthy OR', 'An OR is missing a criterion on one side.'],
    ['AND healthy', 'An AND is missing a criterion on one side.'],
    ['!', '"!" needs an operand after it, e.g. "!healthy".'],
  ])('%s', (expr, message) => {
    expect(error(expr)).toBe(message);
  });
});

describe('presets', () => {
  it('all parse', () => {
    for (const p of [...FIND_PRESETS, ...HIDE_PRESETS]) {
      expect(parseFindHide(p.expression).ok).toBe(true);
    }
    expect(FIND_PRESETS.map((p) => p.expression)).toEqual(['rt > 1000', '! healthy', 'name = unknown', 'rank <= 2']);
    expect(HIDE_PRESETS.map((p) => p.expression)).toEqual(['healthy', 'name = unknown', 'rank > 2']);
  });
});

describe('hide rules', () => {
  function hide(expr: string) {
    const r = parseFindHide(expr);
    if (!r.ok) {
      throw new Error(r.error);
    }
    const h = hiddenBySelection(select(r.query, els), els);
    return { nodes: [...h.nodes].sort(), edges: [...h.edges].sort() };
  }

  it('hides the edges of hidden nodes, and nodes whose edges are all hidden', () => {
    // cart hidden → e1, e2 hidden → svc has only e2 → hidden; web keeps e3 (from unk) → stays.
    expect(hide('app = cart')).toEqual({ nodes: ['cart', 'svc'], edges: ['e1', 'e2'] });
  });

  it('keeps idle nodes and hides boxes left empty', () => {
    // hiding web and cart empties the box; e3's hiding then strands unk.
    expect(hide('ns = shop AND node = workload AND !idle')).toEqual({
      nodes: ['box', 'cart', 'svc', 'unk', 'web'],
      edges: ['e1', 'e2', 'e3'],
    });
  });

  it('hiding an edge alone can strand its nodes', () => {
    expect(hide('protocol = tcp')).toEqual({ nodes: ['svc'], edges: ['e2'] });
  });

  it('a hidden box hides its members', () => {
    expect(hide('box').nodes).toEqual(expect.arrayContaining(['box', 'web', 'cart']));
  });
});
