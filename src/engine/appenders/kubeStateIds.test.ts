import { isOK, isOKVersion, kubeStateNodeId } from './kubeStateIds';

// Expected ids follow the rule table of Kiali's graph.Id (rules 4–11): wl_/svc_/vapp_/app_ + <cluster>_<ns>_<name>.
describe('kubeStateNodeId', () => {
  const base = { cluster: 'east', namespace: 'shop' };

  it('workload and service graphs: a workload node when the workload is known, else the service', () => {
    expect(kubeStateNodeId('workload', { ...base, workload: 'cart', app: 'cart' })).toMatchObject({
      id: 'wl_east_shop_cart',
      nodeType: 'workload',
    });
    expect(kubeStateNodeId('service', { ...base, service: 'cart' })).toMatchObject({
      id: 'svc_east_shop_cart',
      nodeType: 'service',
    });
    expect(kubeStateNodeId('workload', { ...base, workload: 'unknown', service: 'cart' })).toMatchObject({
      id: 'svc_east_shop_cart',
      nodeType: 'service',
    });
    expect(kubeStateNodeId('workload', { ...base })).toBeUndefined();
  });

  it('versionedApp: one node per workload, else per app version; app graphs: one per app', () => {
    const who = { ...base, workload: 'reviews-v2', app: 'reviews', version: 'v2' };
    expect(kubeStateNodeId('versionedApp', who)).toMatchObject({ id: 'vapp_east_shop_reviews-v2', nodeType: 'app' });
    expect(kubeStateNodeId('versionedApp', { ...who, workload: undefined })).toMatchObject({
      id: 'vapp_east_shop_reviews_v2',
      nodeType: 'app',
    });
    expect(kubeStateNodeId('versionedApp', { ...who, workload: undefined, version: 'latest' })).toMatchObject({
      id: 'app_east_shop_reviews',
      nodeType: 'app',
    });
    expect(kubeStateNodeId('app', who)).toMatchObject({ id: 'app_east_shop_reviews', nodeType: 'app' });
  });

  it('app graphs: a workload without an app label stays a workload node', () => {
    expect(kubeStateNodeId('app', { ...base, workload: 'batch' })).toMatchObject({
      id: 'wl_east_shop_batch',
      nodeType: 'workload',
    });
    expect(kubeStateNodeId('versionedApp', { ...base, workload: 'batch', app: 'unknown' })).toMatchObject({
      id: 'wl_east_shop_batch',
      nodeType: 'workload',
    });
    expect(kubeStateNodeId('app', { ...base, service: 'db' })).toMatchObject({
      id: 'svc_east_shop_db',
      nodeType: 'service',
    });
  });

  it('keeps the fields Kiali keeps for each node type', () => {
    expect(kubeStateNodeId('workload', { ...base, workload: 'cart', app: 'unknown', version: 'v1' })?.fields).toEqual({
      workload: 'cart',
      app: undefined,
      version: 'v1',
    });
    expect(kubeStateNodeId('app', { ...base, workload: 'reviews-v2', app: 'reviews', version: 'v2' })?.fields).toEqual({
      app: 'reviews',
    });
    expect(
      kubeStateNodeId('versionedApp', { ...base, workload: 'reviews-v2', app: 'reviews', version: 'v2' })?.fields
    ).toEqual({
      app: 'reviews',
      workload: 'reviews-v2',
      version: 'v2',
    });
    expect(kubeStateNodeId('service', { ...base, service: 'db' })?.fields).toEqual({ service: 'db' });
  });

  it('names nothing for an object without a usable name', () => {
    expect(kubeStateNodeId('workload', { ...base, workload: 'unknown' })).toBeUndefined();
    expect(kubeStateNodeId('app', { ...base, app: '' })).toBeUndefined();
  });

  it('OK means set and not "unknown"; versions also reject "latest"', () => {
    expect([isOK(undefined), isOK(''), isOK('unknown'), isOK('x')]).toEqual([false, false, false, true]);
    expect([isOKVersion('latest'), isOKVersion('v1')]).toEqual([false, true]);
  });
});
