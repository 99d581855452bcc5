import { nearestInDirection } from './keyboard';

describe('nearestInDirection', () => {
  const nodes = [
    { id: 'c', x: 0, y: 0 },
    { id: 'right', x: 100, y: 10 },
    { id: 'farRight', x: 300, y: 0 },
    { id: 'up', x: 5, y: -80 },
    { id: 'diag', x: 80, y: 90 },
  ];
  it('moves to the nearest node in the arrow’s direction, preferring straight ahead', () => {
    expect(nearestInDirection({ x: 0, y: 0 }, 'ArrowRight', nodes, 'c')).toBe('right');
    expect(nearestInDirection({ x: 0, y: 0 }, 'ArrowUp', nodes, 'c')).toBe('up');
    expect(nearestInDirection({ x: 0, y: 0 }, 'ArrowDown', nodes, 'c')).toBe('diag');
    expect(nearestInDirection({ x: 0, y: 0 }, 'ArrowLeft', nodes, 'c')).toBeUndefined();
  });
});
