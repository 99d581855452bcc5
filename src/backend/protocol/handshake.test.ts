/** @jest-environment node */
import { handshakeLine, negotiateProtocol, socketPath, startedByGrafana } from './handshake';

describe('go-plugin handshake', () => {
  it('runs only with the cookie Grafana sets', () => {
    expect(startedByGrafana({ grafana_plugin_type: 'datasource' })).toBe(true);
    expect(startedByGrafana({})).toBe(false);
    expect(startedByGrafana({ grafana_plugin_type: 'app' })).toBe(false);
  });
  it('speaks protocol 2 when the host offers it', () => {
    expect(negotiateProtocol({ PLUGIN_PROTOCOL_VERSIONS: '2' })).toBe(2);
    expect(negotiateProtocol({ PLUGIN_PROTOCOL_VERSIONS: '1, 2' })).toBe(2);
    expect(negotiateProtocol({ PLUGIN_PROTOCOL_VERSIONS: '1' })).toBeUndefined();
    expect(negotiateProtocol({})).toBe(2);
  });
  it('prints CORE|APP|unix|ADDRESS|grpc and puts the socket where the host asks', () => {
    expect(handshakeLine(2, '/tmp/x.sock')).toBe('1|2|unix|/tmp/x.sock|grpc\n');
    expect(socketPath({ PLUGIN_UNIX_SOCKET_DIR: '/run/grafana' })).toMatch(
      /^\/run\/grafana\/meshgraph-plugin-\d+-[0-9a-f]{12}\.sock$/
    );
    expect(socketPath({})).not.toBe(socketPath({}));
  });
});
