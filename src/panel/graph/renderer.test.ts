import { chooseRenderer, resetWebglProbe, webgl2Available } from './renderer';

describe('chooseRenderer', () => {
  it('canvas is canvas, whether or not the browser has WebGL 2', () => {
    expect(chooseRenderer('canvas', true)).toEqual({ requested: 'canvas', effective: 'canvas' });
    expect(chooseRenderer('canvas', false).effective).toBe('canvas');
  });

  it('webgl is WebGL where WebGL 2 exists, else canvas with a note saying so', () => {
    expect(chooseRenderer('webgl', true)).toEqual({ requested: 'webgl', effective: 'webgl' });
    const c = chooseRenderer('webgl', false);
    expect(c.effective).toBe('canvas');
    expect(c.note).toMatch(/not available/);
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
