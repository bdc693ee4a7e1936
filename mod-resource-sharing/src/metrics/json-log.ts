// Log lines of background work that has no request logger at hand (an outbox kick after a partner's
// message, a timer sweep): the same JSON shape as Fastify's (pino) lines, on stdout, with the tenant
// in the fields the caller gives, so log shippers read every line the same way.
import { hostname } from 'node:os';

const LEVELS = { error: 50, warn: 40, info: 30 } as const;
const host = hostname();

function serialize(value: unknown): unknown {
  if (value instanceof Error) return { type: value.name, message: value.message, stack: value.stack };
  return value;
}

function write(level: keyof typeof LEVELS, obj: object, msg: string): void {
  const fields = Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, serialize(v)]));
  process.stdout.write(`${JSON.stringify({ level: LEVELS[level], time: Date.now(), pid: process.pid, hostname: host, ...fields, msg })}\n`);
}

export const backgroundLog = {
  error: (obj: object, msg: string) => write('error', obj, msg),
  warn: (obj: object, msg: string) => write('warn', obj, msg),
  info: (obj: object, msg: string) => write('info', obj, msg),
};
