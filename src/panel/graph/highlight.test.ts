import { highlightSet, indexGraph } from './highlight';

// a → b → c → d, x → c, b in box B (with e), e → f; g isolated
const g = indexGraph({
  nodes: [
    { id: 'B', isBox: 'namespace' },
    { id: 'a' },
    { id: 'b', parent: 'B' },
    { id: 'e', parent: 'B' },
    { id: 'c' },
    { id: 'd' },
    { id: 'x' },
    { id: 'f' },
    { id: 'g' },
  ],
  edges: [
    { id: 'ab', source: 'a', target: 'b' },
    { id: 'bc', source: 'b', target: 'c' },
    { id: 'cd', source: 'c', target: 'd' },
    { id: 'xc', source: 'x', target: 'c' },
    { id: 'ef', source: 'e', target: 'f' },
  ],
});

const sorted = (s: Set<string>) => [...s].sort();

describe('highlightSet', () => {
  it('node: all predecessors and successors transitively, the edges between, and enclosing boxes', () => {
    // b: predecessors a (ab); successors c, d (bc, cd). x → c is not upstream of b.
    expect(sorted(highlightSet(g, { kind: 'node', id: 'b' }))).toEqual(['B', 'a', 'ab', 'b', 'bc', 'c', 'cd', 'd']);
  });

  it('node: from the middle, both upstream branches are included', () => {
    expect(sorted(highlightSet(g, { kind: 'node', id: 'c' }))).toEqual(['B', 'a', 'ab', 'b', 'bc', 'c', 'cd', 'd', 'x', 'xc']);
  });

  it('edge: itself, its ends, the source’s predecessors and the target’s successors', () => {
    // bc: a → b upstream, d downstream; x is upstream of c but not of the source b: excluded.
    expect(sorted(highlightSet(g, { kind: 'edge', id: 'bc' }))).toEqual(['B', 'a', 'ab', 'b', 'bc', 'c', 'cd', 'd']);
  });

  it('box: its members and their direct neighbours', () => {
    expect(sorted(highlightSet(g, { kind: 'node', id: 'B' }))).toEqual(['B', 'a', 'ab', 'b', 'bc', 'c', 'e', 'ef', 'f']);
  });

  it('handles cycles and unknown targets', () => {
    const cyc = indexGraph({
      nodes: [{ id: 'p' }, { id: 'q' }],
      edges: [
        { id: 'pq', source: 'p', target: 'q' },
        { id: 'qp', source: 'q', target: 'p' },
      ],
    });
    expect(sorted(highlightSet(cyc, { kind: 'node', id: 'p' }))).toEqual(['p', 'pq', 'q', 'qp']);
    expect(highlightSet(g, { kind: 'edge', id: 'nope' }).size).toBe(0);
    expect(sorted(highlightSet(g, { kind: 'node', id: 'g' }))).toEqual(['g']);
  });
});
