import type { ScopedVars, TimeRange } from '@grafana/data';

import { decodeSandboxParams, encodeSandboxParams } from './params';
import { SandboxTemplateSrv, regexEscape } from './templateSrv';

// Only valueOf() of the range ends is read; @grafana/data's dateTime cannot load in Node.
const range = (from: number, to: number) =>
  ({ from: { valueOf: () => from }, to: { valueOf: () => to }, raw: { from: '', to: '' } }) as unknown as TimeRange;

const variables = () =>
  decodeSandboxParams(encodeSandboxParams({ namespaces: ['bookinfo', 'istio-system', 'a.b'] })).variables;

describe('SandboxTemplateSrv', () => {
  it('expands "All" of a multi-value variable to every option, glob by default', () => {
    const srv = new SandboxTemplateSrv(variables());
    expect(srv.replace('ns=$namespace')).toBe('ns={bookinfo,istio-system,a.b}');
    expect(srv.replace('ns=${namespace:regex}')).toBe('ns=(bookinfo|istio-system|a\\.b)');
    expect(srv.replace('ns=[[namespace:pipe]]')).toBe('ns=bookinfo|istio-system|a.b');
  });

  it('formats the selected values and leaves unknown variables as written', () => {
    const srv = new SandboxTemplateSrv(variables());
    srv.setVariable('namespace', ['bookinfo']);
    expect(srv.replace('${namespace:csv} $unknown ${other:regex}')).toBe('bookinfo $unknown ${other:regex}');
    srv.setVariable('namespace', ['bookinfo', "o'hara"]);
    expect(srv.replace('${namespace:singlequote}')).toBe("'bookinfo','o\\'hara'");
    expect(srv.replace('${namespace:sqlstring}')).toBe("'bookinfo','o''hara'");
    expect(srv.replace('${namespace:json}')).toBe('["bookinfo","o\'hara"]');
    expect(srv.replace('${namespace:queryparam}')).toBe("var-namespace=bookinfo&var-namespace=o'hara");
    expect(srv.replace('${namespace:text}')).toBe("bookinfo + o'hara");
    expect(srv.replace('$duration')).toBe('10m');
  });

  it('passes value, variable and a fallback formatter to a format function', () => {
    const srv = new SandboxTemplateSrv(variables());
    srv.setVariable('namespace', ['bookinfo', 'x|y']);
    const seen: unknown[] = [];
    const out = srv.replace('$namespace', {}, (value: string | string[], variable: { name: string }) => {
      seen.push(variable.name);
      return (Array.isArray(value) ? value : [value]).map(regexEscape).join('|');
    });
    expect(out).toBe('bookinfo|x\\|y');
    expect(seen).toEqual(['namespace']);
  });

  it('resolves data-link macros: ${__data.fields.x:format} from the linked row and ${__url_time_range}', () => {
    const srv = new SandboxTemplateSrv(variables());
    srv.updateTimeRange(range(1000, 2000));
    const frame = { fields: [{ name: 'namespace', values: ['a b', '<svg>'] }] };
    const scoped = { __dataContext: { text: '', value: { frame, rowIndex: 1 } } } as unknown as ScopedVars;
    expect(srv.replace('/d/x?var-namespace=${__data.fields.namespace:percentencode}&${__url_time_range}', scoped)).toBe(
      '/d/x?var-namespace=%3Csvg%3E&from=1000&to=2000'
    );
    // Without a row the placeholder stays as written, as in Grafana.
    expect(srv.replace('${__data.fields.namespace}')).toBe('${__data.fields.namespace}');
  });

  it('prefers scopedVars and supports __from/__to date formats', () => {
    const srv = new SandboxTemplateSrv(variables());
    srv.updateTimeRange(range(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 1, 1)));
    expect(
      srv.replace('[$__interval] $namespace', {
        __interval: { text: '30s', value: '30s' },
        namespace: { text: 'n', value: 'n' },
      })
    ).toBe('[30s] n');
    expect(srv.replace('${__from:date:seconds}-${__to}')).toBe(
      `${Date.UTC(2024, 0, 1) / 1000}-${Date.UTC(2024, 0, 1, 1)}`
    );
    expect(srv.replace('${__from:date}')).toBe('2024-01-01T00:00:00.000Z');
  });

  it('returns a custom all value unformatted and reports which templates exist', () => {
    const srv = new SandboxTemplateSrv([
      {
        name: 'wl',
        type: 'custom',
        multi: true,
        includeAll: true,
        allValue: '.*',
        options: ['a'],
        current: ['$__all'],
      },
    ]);
    expect(srv.replace('${wl:regex}')).toBe('.*');
    expect(srv.containsTemplate('x $wl')).toBe(true);
    expect(srv.containsTemplate('x $nope')).toBe(false);
    expect(() => srv.setVariable('nope', 'a')).toThrow('no variable named "nope"');
  });

  it('exposes Grafana-shaped variable models', () => {
    const srv = new SandboxTemplateSrv(variables());
    srv.setVariable('namespace', ['bookinfo']);
    const ns = srv.getVariables().find((v) => v.name === 'namespace') as unknown as {
      current: { value: string[] };
      options: Array<{ value: string; selected: boolean }>;
      includeAll: boolean;
    };
    expect(ns.current.value).toEqual(['bookinfo']);
    expect(ns.includeAll).toBe(true);
    expect(ns.options.filter((o) => o.selected).map((o) => o.value)).toEqual(['bookinfo']);
  });
});

describe('sandbox params', () => {
  it('round-trips through the URL and rejects bad input with the parameter name', () => {
    const setup = decodeSandboxParams(
      encodeSandboxParams({ theme: 'light', from: 1000, to: 'now', options: { a: 1 }, vars: { namespace: ['x', 'y'] } })
    );
    expect(setup.theme).toBe('light');
    expect(setup.from).toBe(1000);
    expect(setup.to).toBe('now');
    expect(setup.options).toEqual({ a: 1 });
    expect(setup.variables.find((v) => v.name === 'namespace')?.current).toEqual(['x', 'y']);
    expect(() => decodeSandboxParams('options=%7B')).toThrow('"options" is not valid JSON');
    expect(() => decodeSandboxParams('width=-3')).toThrow('"width" must be a positive number');
    expect(() => decodeSandboxParams('theme=blue')).toThrow('"theme" must be dark or light');
  });
});
