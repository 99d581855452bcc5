import { resolveSettings } from './settings';
import { DEFAULT_SERVICE_DASHBOARD_UID, DEFAULT_WORKLOAD_DASHBOARD_UID } from './types';

describe('resolveSettings', () => {
  it('fills defaults: 15s scrape, 30s timeout, Istio dashboard UIDs', () => {
    const s = resolveSettings({});
    expect(s.scrapeIntervalS).toBe(15);
    expect(s.timeoutMs).toBe(30_000);
    expect(s.healthTolerances).toBeUndefined();
    expect(s.workloadDashboardUid).toBe(DEFAULT_WORKLOAD_DASHBOARD_UID);
    expect(s.serviceDashboardUid).toBe(DEFAULT_SERVICE_DASHBOARD_UID);
    expect(s.clusterDomain).toBe('svc.cluster.local');
    expect(s.notices).toEqual([]);
  });

  it('keeps an emptied dashboard UID empty (no link)', () => {
    expect(resolveSettings({ workloadDashboardUid: '' }).workloadDashboardUid).toBe('');
  });

  it('reads the scrape interval and timeout', () => {
    const s = resolveSettings({ scrapeInterval: '1m', timeoutSeconds: 5 });
    expect(s.scrapeIntervalS).toBe(60);
    expect(s.timeoutMs).toBe(5000);
  });

  it('reads the number of parallel queries; an invalid one falls back to the default with a warning', () => {
    expect(resolveSettings({}).queryShards).toBeUndefined();
    expect(resolveSettings({ queryShards: 4 }).queryShards).toBe(4);
    for (const bad of [0, 2.5, 17, Number.NaN]) {
      const s = resolveSettings({ queryShards: bad });
      expect(s.queryShards).toBeUndefined();
      expect(s.notices[0].text).toMatch(/"Parallel queries" must be a whole number from 1 to 16/);
    }
  });

  it('falls back for a bad scrape interval, with a warning', () => {
    const s = resolveSettings({ scrapeInterval: 'often' });
    expect(s.scrapeIntervalS).toBe(15);
    expect(s.notices[0].text).toContain('often');
  });

  it('drops scope labels with invalid names and keeps the rest', () => {
    const s = resolveSettings({
      scopeLabels: [
        { key: 'mesh_id', value: 'm1' },
        { key: 'bad-name', value: 'x' },
        { key: '', value: '' },
      ],
    });
    expect(s.scope).toEqual([{ key: 'mesh_id', value: 'm1' }]);
    expect(s.notices).toHaveLength(1);
  });

  it('uses valid tolerances and ignores invalid ones with the validator message', () => {
    const good = [{ code: '5XX', protocol: 'http', direction: '.*', degraded: 1, failure: 5 }];
    expect(resolveSettings({ healthTolerances: good }).healthTolerances).toEqual(good);
    const bad = resolveSettings({
      healthTolerances: [{ code: '5XX', protocol: 'http', direction: '.*', degraded: 20, failure: 5 }],
    });
    expect(bad.healthTolerances).toBeUndefined();
    expect(bad.notices[0].text).toContain('degraded (20) is greater than failure (5)');
  });
});

describe('reserved scope labels in the settings', () => {
  it('ignores a scope on a label the engine sets, with a notice', () => {
    const s = resolveSettings({
      scopeLabels: [
        { key: 'reporter', value: 'source' },
        { key: 'mesh_id', value: 'm1' },
      ],
    } as never);
    expect(s.scope).toEqual([{ key: 'mesh_id', value: 'm1' }]);
    expect(s.notices.map((n) => n.text).join(' ')).toMatch(
      /scope label ignored: reporter is a label the engine itself/
    );
  });
});

describe('rollup node budget', () => {
  it('defaults to 500, reads a whole number and falls back with a warning for anything else', () => {
    expect(resolveSettings({} as never).rollupNodeBudget).toBe(500);
    expect(resolveSettings({ rollupNodeBudget: 120 } as never)).toMatchObject({ rollupNodeBudget: 120, notices: [] });
    for (const bad of [0, -5, 2.5, '300']) {
      const s = resolveSettings({ rollupNodeBudget: bad } as never);
      expect(s.rollupNodeBudget).toBe(500);
      expect(s.notices.map((n) => n.text)).toEqual([
        `Datasource setting "Rollup node budget" must be a whole number of at least 1 (got ${JSON.stringify(bad)}); using 500.`,
      ]);
    }
  });
});
