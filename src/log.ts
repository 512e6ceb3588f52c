import pino, { type Logger } from 'pino';

/** The structured JSON logger; one line per event, with the request id when there is one. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'campaign-hub' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'password', '*.password'], remove: true },
  });
}
