import { chooseRenderer, resetWebglProbe, webgl2Available } from './renderer';

describe('chooseRenderer', () => {
  it('canvas is canvas whatever the size and the browser', () => {
    expect(chooseRenderer('canvas', 5000, 100, true).effective).toBe('canvas');
  });

  it('webgl is WebGL where WebGL 2 exists, else canvas with a note saying so', () => {
    expect(chooseRenderer('webgl', 3, 100, true)).toEqual({ requested: 'webgl', effective: 'webgl' });
    const c = chooseRenderer('webgl', 3, 100, false);
    expect(c.effective).toBe('canvas');
    expect(c.note).toMatch(/not available/);
  });

  it('auto picks WebGL only above the threshold and only where WebGL 2 exists, without a note', () => {
    expect(chooseRenderer('auto', 100, 100, true).effective).toBe('canvas'); // at the threshold: not above
    expect(chooseRenderer('auto', 101, 100, true).effective).toBe('webgl');
    const noGl = chooseRenderer('auto', 101, 100, false);
    expect(noGl.effective).toBe('canvas');
    expect(noGl.note).toBeUndefined();
  });
});

describe('webgl2Available', () => {
  afterEach(() => resetWebglProbe());

  it('is false without a document and when the canvas offers no WebGL 2 context', () => {
    expect(webgl2Available(undefined)).toBe(false);
    resetWebglProbe();
    const doc = { createElement: () => ({ getContext: () => null }) } as unknown as Document;
    expect(webgl2Available(doc)).toBe(false);
  });

  it('is true with a live WebGL 2 context, releases the probe context, and asks only once per page', () => {
    const loseContext = jest.fn();
    const getContext = jest.fn(() => ({ isContextLost: () => false, getExtension: () => ({ loseContext }) }));
    const doc = { createElement: () => ({ getContext }) } as unknown as Document;
    expect(webgl2Available(doc)).toBe(true);
    expect(webgl2Available(doc)).toBe(true);
    expect(getContext).toHaveBeenCalledTimes(1);
    expect(getContext).toHaveBeenCalledWith('webgl2');
    expect(loseContext).toHaveBeenCalledTimes(1);
  });

  it('is false when creating the context throws', () => {
    const doc = {
      createElement: () => ({
        getContext: () => {
          throw new Error('blocked');
        },
      }),
    } as unknown as Document;
    expect(webgl2Available(doc)).toBe(false);
  });
});
