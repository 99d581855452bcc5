import { chooseLayout } from '../../graph/layouts';
import { hasSaved, knownPositions, leafPositions, savedKeyOf, showsPositions } from './savedPositions';
import { testElements, testInstance } from './testGraph';

const content = testElements(['a', 'b', 'c'], [{ source: 'a', target: 'b', rate: 1 }]);

describe('saved positions', () => {
  it('tells saved positions apart by what and where, and none from empty', () => {
    expect(hasSaved(undefined)).toBe(false);
    expect(hasSaved({})).toBe(false);
    expect(savedKeyOf({})).toBe('auto');
    const one = savedKeyOf({ a: { x: 1, y: 2 } });
    expect(one).not.toBe(savedKeyOf({ a: { x: 1, y: 3 } }));
    expect(one).not.toBe(savedKeyOf({ b: { x: 1, y: 2 } }));
    expect(one).toBe(savedKeyOf({ a: { x: 1, y: 2 } }));
  });

  it('keeps saved nodes where they were saved and places a new one beside its caller', () => {
    const nodes = [{ id: 'a' }, { id: 'b' }];
    const p = knownPositions({ a: { x: 10, y: 20 } }, chooseLayout('dagre', 2, 300), nodes, [
      { source: 'a', target: 'b' },
    ]);
    expect(p?.get('a')).toEqual({ x: 10, y: 20 });
    expect(p?.get('b')?.x).toBeGreaterThan(10);
  });

  it('reads the leaf positions back and knows when the screen shows the saved ones', () => {
    const { cy } = testInstance(content);
    const now = leafPositions(cy);
    expect(Object.keys(now).sort()).toEqual(['a', 'b', 'c']);
    expect(showsPositions(cy, now)).toBe(true);
    expect(showsPositions(cy, { ...now, a: { x: now.a.x + 5, y: now.a.y } })).toBe(false);
    expect(leafPositions(undefined)).toEqual({});
  });
});
