import { toDataFrame, FieldType } from '@grafana/data';
import { isSafeLink, rowLinks } from './links';

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

describe('isSafeLink', () => {
  it('passes same-origin paths and explicit http(s) URLs', () => {
    for (const href of [
      '/d/fe06a478395b51cc61c8d7d7e83e2f22?var-namespace=bookinfo',
      './d/abc',
      '#section',
      'd/relative',
      'https://grafana.example/d/x',
      'HTTP://kiali.example/console',
      '/%2F%2Fevil.example/x', // encoded slashes stay in this site's path
    ]) {
      expect({ href, safe: isSafeLink(href) }).toEqual({ href, safe: true });
    }
  });

  it('refuses other hosts disguised as paths, and every other scheme, in every spelling', () => {
    for (const href of [
      '//evil.example/x',
      '/\\evil.example/x',
      '\\\\evil.example/x',
      '/\t/evil.example/x',
      '/\n/evil.example',
      ' //evil.example',
      '\\/evil.example',
      'javascript:alert(1)',
      ' JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      '\u0001javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox',
      'https://grafana.invalid/x', // the stand-in origin named outright is no path
      'http:evil.example',
      'ftp://files.example',
    ]) {
      expect({ href, safe: isSafeLink(href) }).toEqual({ href, safe: false });
    }
  });
});
