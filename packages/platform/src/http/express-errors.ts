import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger';

/**
 * The last two handlers of every Express app the project runs: Express's own answers (its
 * "Cannot GET" page, its error handler that prints the stack with absolute paths outside
 * production) would tell a client the runtime, the file layout and the dependencies. These answer
 * with a JSON body of a fixed message per status instead, in every mode; the log keeps the error.
 */

const CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

function answer(res: Parameters<RequestHandler>[1], status: number): void {
  const code = CODES[status] ?? (status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST');
  // The status text only (never the error's own message: a parser's message may quote the body or
  // name a file); 5xx are all "Internal Server Error" to the client.
  const message = status >= 500 ? 'Internal server error' : (STATUS_CODES[status] ?? 'Bad Request');
  res
    .status(status)
    .type('application/json')
    .send(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/** 404 for anything no route answered. */
export const jsonNotFound = (): RequestHandler => (_req, res) => answer(res, 404);

/** Every error a route or middleware passed on, as JSON with its 4xx status, or 500. */
export function jsonErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const raw = (error as { status?: unknown; statusCode?: unknown } | null)?.status ?? (error as { statusCode?: unknown } | null)?.statusCode;
    const status = typeof raw === 'number' && raw >= 400 && raw < 600 ? raw : 500;
    if (status >= 500) logger.error({ err: error, method: req.method, path: req.path }, 'request failed');
    else logger.debug({ err: error, method: req.method, path: req.path, status }, 'request refused');
    // Half an answer already went out: cutting the connection is the only honest ending.
    if (res.headersSent) return void res.destroy();
    answer(res, status);
  };
}
