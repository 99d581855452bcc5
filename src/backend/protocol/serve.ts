/**
 * Serving Grafana's plugin protocol over gRPC: the protocol side only (as the Go SDK keeps `backend.Serve`
 * apart from the handlers). Each call gets an AbortSignal that fires when Grafana cancels it; a handler that
 * throws answers that one call with an error and never takes the process down.
 */
import * as grpc from '@grpc/grpc-js';
import { unlinkSync } from 'node:fs';

import { serviceDefinitions } from './definitions';
import type { Logger } from './hclog';
import type {
  CallResourceRequest,
  CallResourceResponse,
  CheckHealthRequest,
  CheckHealthResponse,
  QueryDataRequest,
  QueryDataResponse,
} from './messages';

/** What the plugin answers; protocol details (streams, status codes, cancellation) stay in this module. */
export interface PluginHandlers {
  queryData(request: QueryDataRequest, signal: AbortSignal): Promise<QueryDataResponse>;
  checkHealth(request: CheckHealthRequest, signal: AbortSignal): Promise<CheckHealthResponse>;
  callResource(request: CallResourceRequest, signal: AbortSignal): Promise<CallResourceResponse>;
}

export interface ServeOptions {
  /** Unix socket path to listen on. */
  socket: string;
  log: Logger;
  /** Called when the host asks the plugin to exit (go-plugin's GRPCController.Shutdown). */
  onShutdown: () => void;
}

export interface RunningServer {
  /** Stops accepting calls, lets running ones finish for up to `graceMs`, then closes every connection. */
  stop(graceMs?: number): Promise<void>;
}

/** Grafana's go-plugin client accepts messages up to 2 GiB; requests to us are small, but allow large bodies. */
const MAX_RECEIVE_BYTES = 64 * 1024 * 1024;

function signalOf(call: { on(event: 'cancelled', listener: () => void): unknown }): AbortSignal {
  const controller = new AbortController();
  call.on('cancelled', () => controller.abort());
  return controller.signal;
}

function failure(e: unknown): grpc.ServiceError {
  const message = e instanceof Error ? e.message : String(e);
  return Object.assign(new Error(message), {
    code: grpc.status.INTERNAL,
    details: message,
    metadata: new grpc.Metadata(),
  });
}

function unary<Req, Res>(
  name: string,
  log: Logger,
  handle: (request: Req, signal: AbortSignal) => Promise<Res>
): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    const signal = signalOf(call);
    handle(call.request, signal).then(
      (response) => callback(null, response),
      (e: unknown) => {
        log.error(`${name} failed`, { error: e instanceof Error ? e.message : String(e) });
        callback(failure(e));
      }
    );
  };
}

export async function serve(handlers: PluginHandlers, options: ServeOptions): Promise<RunningServer> {
  const { log } = options;
  const services = serviceDefinitions();
  const server = new grpc.Server({ 'grpc.max_receive_message_length': MAX_RECEIVE_BYTES });

  server.addService(services.Health, {
    // go-plugin pings the service "plugin"; "" is the server as a whole.
    Check: (call: grpc.ServerUnaryCall<{ service: string }, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      const known = call.request.service === '' || call.request.service === 'plugin';
      callback(null, { status: known ? 'SERVING' : 'SERVICE_UNKNOWN' });
    },
  });
  server.addService(services.GRPCController, {
    Shutdown: (_call: unknown, callback: grpc.sendUnaryData<unknown>) => {
      callback(null, {});
      // Answer first, then exit: go-plugin waits for the reply before it waits for the process.
      setImmediate(options.onShutdown);
    },
  });
  server.addService(services.Data, {
    QueryData: unary('QueryData', log, handlers.queryData),
  });
  server.addService(services.Diagnostics, {
    CheckHealth: unary('CheckHealth', log, handlers.checkHealth),
    CollectMetrics: (_call: unknown, callback: grpc.sendUnaryData<unknown>) =>
      callback({ code: grpc.status.UNIMPLEMENTED, details: 'CollectMetrics is not implemented' }),
  });
  server.addService(services.Resource, {
    CallResource: (call: grpc.ServerWritableStream<CallResourceRequest, CallResourceResponse>) => {
      const signal = signalOf(call);
      handlers.callResource(call.request, signal).then(
        (response) => {
          call.write(response);
          call.end();
        },
        (e: unknown) => {
          log.error('CallResource failed', { error: e instanceof Error ? e.message : String(e) });
          call.destroy(failure(e));
        }
      );
    },
  });

  try {
    unlinkSync(options.socket);
  } catch {
    // No stale socket: the usual case.
  }
  await new Promise<void>((resolve, reject) => {
    server.bindAsync(`unix://${options.socket}`, grpc.ServerCredentials.createInsecure(), (error) =>
      error ? reject(error) : resolve()
    );
  });

  return {
    stop: (graceMs = 2000) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, graceMs);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      }).finally(() => {
        try {
          unlinkSync(options.socket);
        } catch {
          // Already removed.
        }
      }),
  };
}
