import { buildIconFont, ICON, iconSvgPath } from './iconFont';

function u16(b: Uint8Array, at: number) {
  return (b[at] << 8) | b[at + 1];
}
function u32(b: Uint8Array, at: number) {
  return ((b[at] << 24) >>> 0) + (b[at + 1] << 16) + (b[at + 2] << 8) + b[at + 3];
}

describe('icon font', () => {
  const font = buildIconFont();
  const tables = new Map<string, { offset: number; length: number; checksum: number }>();
  for (let i = 0; i < u16(font, 4); i++) {
    const at = 12 + 16 * i;
    const tag = String.fromCharCode(...font.subarray(at, at + 4));
    tables.set(tag, { checksum: u32(font, at + 4), offset: u32(font, at + 8), length: u32(font, at + 12) });
  }

  it('is a TrueType file with the tables browsers require, sums checked', () => {
    expect(u32(font, 0)).toBe(0x00010000);
    expect([...tables.keys()]).toEqual([
      'OS/2',
      'cmap',
      'glyf',
      'head',
      'hhea',
      'hmtx',
      'loca',
      'maxp',
      'name',
      'post',
    ]);
    for (const [tag, t] of tables) {
      expect(t.offset % 4).toBe(0);
      if (tag !== 'head') {
        let sum = 0;
        for (let i = 0; i < t.length; i += 4) {
          sum = (sum + u32(Uint8Array.from([...font.subarray(t.offset + i, t.offset + i + 4), 0, 0, 0, 0]), 0)) >>> 0;
        }
        expect({ tag, sum }).toEqual({ tag, sum: t.checksum });
      }
    }
    // The whole file sums to 0xB1B0AFBA (head.checkSumAdjustment).
    let all = 0;
    for (let i = 0; i < font.length; i += 4) {
      all = (all + u32(Uint8Array.from([...font.subarray(i, i + 4), 0, 0, 0, 0]), 0)) >>> 0;
    }
    expect(all).toBe(0xb1b0afba);
  });

  it('maps each icon character to its own glyph', () => {
    const cmap = tables.get('cmap')!.offset;
    const sub = cmap + u32(font, cmap + 8);
    expect(u16(font, sub)).toBe(4);
    const segX2 = u16(font, sub + 6);
    const end = u16(font, sub + 14);
    const start = u16(font, sub + 16 + segX2);
    const chars = Object.values(ICON).map((c) => c.charCodeAt(0));
    expect(start).toBe(Math.min(...chars));
    expect(end).toBe(Math.max(...chars));
    const numGlyphs = u16(font, tables.get('maxp')!.offset + 4);
    expect(numGlyphs).toBe(chars.length + 1);
  });

  it('draws the same outlines as SVG paths (legend, exports)', () => {
    expect(iconSvgPath('lock')).toMatch(/^M\d+ \d+L/);
    expect(iconSvgPath('lock')).not.toContain('NaN');
  });
});
