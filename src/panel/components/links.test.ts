import { toDataFrame, FieldType } from '@grafana/data';
import { rowLinks } from './links';

function frame(url: string) {
  return toDataFrame({
    name: 'nodes',
    fields: [
      { name: 'id', type: FieldType.string, values: ['a', 'b'], config: { links: [{ title: 'Open', url }] } },
      { name: 'workload', type: FieldType.string, values: ['web v1', 'x&y'] },
    ],
  });
}

describe('rowLinks', () => {
  it('fills ${__data.fields.x} with the row value (URL-encoded) and then dashboard variables', () => {
    const links = rowLinks(
      [frame('/d/w?var-workload=${__data.fields.workload}&from=$__from')],
      { frameIndex: 0, rowIndex: 1 },
      (s) => s.replace('$__from', '123')
    );
    expect(links.map((l) => [l.title, l.href])).toEqual([['Open', '/d/w?var-workload=x%26y&from=123']]);
  });

  it('reads a format after the field name: percentencode encodes, raw does not', () => {
    const url = '/d/w?var-workload=${__data.fields.workload:percentencode}&raw=${__data.fields.workload:raw}';
    const links = rowLinks([frame(url)], { frameIndex: 0, rowIndex: 0 }, undefined);
    expect(links.map((l) => l.href)).toEqual(['/d/w?var-workload=web%20v1&raw=web v1']);
  });

  it('drops non-web URLs', () => {
    expect(rowLinks([frame('javascript:alert(1)')], { frameIndex: 0, rowIndex: 0 }, undefined)).toEqual([]);
  });

  it('returns nothing without a row reference', () => {
    expect(rowLinks([frame('/x')], undefined, undefined)).toEqual([]);
  });
});
