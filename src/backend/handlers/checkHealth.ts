/** CheckHealth ("Save & test"): the Prometheus health check, with the settings' own problems appended. */
import type { CheckHealthRequest, CheckHealthResponse } from '../protocol/messages';

import { describeError } from './errors';
import { checkPrometheus } from './healthCheck';
import type { InstanceRegistry } from './instance';

export async function checkHealth(
  request: CheckHealthRequest,
  instances: InstanceRegistry,
  now: () => number = Date.now
): Promise<CheckHealthResponse> {
  try {
    const instance = instances.get(request.pluginContext);
    const settings = instance.settings;
    const result = await checkPrometheus(instance.client(), {
      nowS: Math.floor(now() / 1000),
      scope: Object.fromEntries(settings.scope.map((s) => [s.key, s.value])),
    });
    const problems = settings.notices.map((n) => n.text).join(' ');
    const message = problems ? `${result.message} ${problems}` : result.message;
    return {
      status: result.status === 'success' ? 'OK' : 'ERROR',
      message,
      ...(result.details ? { jsonDetails: Buffer.from(JSON.stringify(result.details)) } : {}),
    };
  } catch (e) {
    return { status: 'ERROR', message: describeError(e) };
  }
}
