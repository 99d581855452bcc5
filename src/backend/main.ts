/**
 * The Meshgraph datasource's backend: started by Grafana (hashicorp go-plugin over gRPC), it builds Kiali's
 * traffic graph on Grafana's server. Protocol and serving live in protocol/, the answers in handlers/.
 */
import { createHandlers } from './handlers';
import { createLogger, levelFromEnv } from './protocol/hclog';
import {
  handshakeLine,
  negotiateProtocol,
  NOT_STARTED_BY_GRAFANA,
  socketPath,
  startedByGrafana,
} from './protocol/handshake';
import { keepAliveOnErrors, onTerminationSignals, watchParent } from './protocol/lifecycle';
import { RunningServer, serve } from './protocol/serve';

async function main(): Promise<void> {
  const env = process.env;
  if (!startedByGrafana(env)) {
    process.stderr.write(`${NOT_STARTED_BY_GRAFANA}\n`);
    process.exit(1);
  }
  const log = createLogger((line) => process.stderr.write(line), levelFromEnv(env));
  const version = negotiateProtocol(env);
  if (version === undefined) {
    log.error('Grafana offers no plugin protocol version this plugin speaks', {
      offered: env.PLUGIN_PROTOCOL_VERSIONS,
    });
    process.stderr.write(
      `This plugin speaks Grafana's plugin protocol 2; Grafana offered ${env.PLUGIN_PROTOCOL_VERSIONS}.\n`
    );
    process.exit(1);
  }
  const handlers = createHandlers(log);
  const socket = socketPath(env);
  let stopping = false;
  let server: RunningServer | undefined;
  const stop = (why: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    log.info('Stopping', { reason: why });
    handlers.instances.closeAll();
    // Running calls get a moment to finish; the process ends in any case.
    setTimeout(() => process.exit(0), 3000).unref();
    void (server ? server.stop() : Promise.resolve()).finally(() => process.exit(0));
  };
  keepAliveOnErrors(log, () => stop("Grafana closed the plugin's output"));
  server = await serve(handlers, {
    socket,
    log,
    onShutdown: () => stop('Grafana asked the plugin to shut down'),
  });
  onTerminationSignals((signal) => stop(`signal ${signal}`));
  watchParent(() => stop('Grafana exited'));
  process.stdout.write(handshakeLine(version, socket));
  log.info('Meshgraph datasource backend started', { socket, pid: process.pid });
}

main().catch((e: unknown) => {
  process.stderr.write(
    `The Meshgraph datasource backend could not start: ${e instanceof Error ? e.message : String(e)}\n`
  );
  process.exit(1);
});
