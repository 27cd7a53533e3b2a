// Request logs. `json` keeps Fastify's pino JSON lines (with request ids) for log collectors;
// `pretty` (a terminal, see config.chooseLogFormat) prints one readable line per request
// through pino-pretty, "[12:01:02.345] INFO: GET /api/skus 200 3.1 ms", instead of Fastify's
// "incoming request" and "request completed" pair.
import Fastify, { type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import type { AppConfig } from './config.js';

/** Where log lines go instead of stdout (tests). */
export type LogDestination = NodeJS.WritableStream;

class OneLinePerRequest extends Fastify.LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const ms = Math.round(reply.elapsedTime * 10) / 10;
    const line = `${request.method} ${request.url} ${reply.statusCode} ${ms} ms`;
    if (error) request.log.error({ err: error }, line);
    else request.log.info(line);
  }
}

/** pino-pretty is imported only for the pretty format: JSON logging servers never load it. */
export async function loggerOptions(config: AppConfig, destination?: LogDestination): Promise<Pick<FastifyServerOptions, 'logger' | 'logController'>> {
  if (config.logLevel === false) return { logger: false };
  if (config.logFormat !== 'pretty') {
    return { logger: { level: config.logLevel, ...(destination ? { stream: destination } : {}) } };
  }
  const { default: pretty } = await import('pino-pretty');
  const stream = pretty({
    ignore: 'pid,hostname,reqId',
    translateTime: 'SYS:HH:MM:ss.l',
    singleLine: true,
    sync: true,
    ...(destination ? { destination, colorize: false } : {}),
  });
  return { logger: { level: config.logLevel, stream }, logController: new OneLinePerRequest() };
}
