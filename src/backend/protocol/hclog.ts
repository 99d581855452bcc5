/**
 * Logs as hclog JSON lines on stderr: go-plugin reads each line that parses as JSON with "@level" and
 * "@message" and hands it to Grafana's logger, so the plugin's messages land in Grafana's log with their level.
 */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const ORDER: Record<LogLevel, number> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4 };

/**
 * go-plugin parses "@timestamp" with Go's layout 2006-01-02T15:04:05.000000Z07:00 (six fraction digits) and
 * passes a line it cannot parse to Grafana's log as plain debug text.
 */
export function timestamp(now: Date): string {
  return now.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** One hclog JSON line (without the newline). */
export function hclogLine(level: LogLevel, message: string, fields: LogFields = {}, now = new Date()): string {
  const record: Record<string, unknown> = { '@level': level, '@message': message, '@timestamp': timestamp(now) };
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined && !key.startsWith('@')) {
      record[key] = value;
    }
  }
  return JSON.stringify(record);
}

export function createLogger(write: (line: string) => void, minimum: LogLevel = 'info'): Logger {
  const at =
    (level: LogLevel) =>
    (message: string, fields?: LogFields): void => {
      if (ORDER[level] >= ORDER[minimum]) {
        try {
          write(hclogLine(level, message, fields) + '\n');
        } catch {
          // A closed stderr (Grafana gone) must not turn a log line into a crash.
        }
      }
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** The level Grafana asks for (GF_PLUGIN_LOGLEVEL, as the Go SDK reads it); default info. */
export function levelFromEnv(env: NodeJS.ProcessEnv): LogLevel {
  const wanted = (env.GF_PLUGIN_LOGLEVEL ?? '').toLowerCase();
  return wanted in ORDER ? (wanted as LogLevel) : 'info';
}
