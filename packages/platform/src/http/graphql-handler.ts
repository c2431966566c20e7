import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLResponse } from '@apollo/server';
import { bodyLimitBytes, BodyRefused, readJsonBody } from './body';

/**
 * Serves GraphQL over plain `node:http`, without Express: headers into a HeaderMap, the JSON body
 * read with a size limit, `executeHTTPGraphQLRequest`, and the result written (or streamed, for
 * incremental delivery). Express middleware chains and `express.json` cost far more per request
 * than the work itself on small operations; Apollo's own checks (CSRF prevention, method and
 * content-type rules) all still run inside `executeHTTPGraphQLRequest`.
 */

export interface GraphQLHttpHandlerOptions<TContext extends BaseContext> {
  /** Builds the per-request context; a GraphQLError thrown here becomes Apollo's error answer. */
  context: (req: IncomingMessage, res: ServerResponse) => Promise<TContext>;
  /** Largest accepted JSON body: `100kb`, `1mb` or a byte count. Default 1 MB. */
  bodyLimit?: string | number;
  /**
   * Runs once the body is parsed, before Apollo (e.g. trusted documents). Returns the body to run
   * (possibly rewritten), or `false` when it answered the request itself.
   */
  beforeExecute?: (req: IncomingMessage, res: ServerResponse, body: unknown) => unknown;
}

/** What a lean handler answers when the body itself is refused (too large, not JSON, bad encoding). */
function refuseBody(res: ServerResponse, refusal: BodyRefused): void {
  const body = JSON.stringify({ errors: [{ message: refusal.message, extensions: { code: refusal.code } }] });
  // The rest of a refused body is never read: close the connection instead of draining it.
  res.writeHead(refusal.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), connection: 'close' });
  res.end(body);
}

/** The path and query string's `?…` part of a request URL (Apollo reads GET operations from it). */
function searchOf(url: string | undefined): string {
  const index = url?.indexOf('?') ?? -1;
  return index === -1 ? '' : url!.slice(index);
}

function headerMapOf(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  // rawHeaders keeps duplicates apart; joining them matches what the Express integration did.
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const existing = headers.get(name);
    headers.set(name, existing === undefined ? raw[i + 1]! : `${existing}, ${raw[i + 1]!}`);
  }
  return headers;
}

async function writeResponse(res: ServerResponse, response: HTTPGraphQLResponse): Promise<void> {
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.setHeader('content-length', Buffer.byteLength(response.body.string));
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/**
 * A `(req, res)` handler running one Apollo Server over node:http. Mount it on the path you serve
 * GraphQL at; it does not look at the path itself.
 */
export function graphqlHttpHandler<TContext extends BaseContext>(server: ApolloServer<TContext>, options: GraphQLHttpHandlerOptions<TContext>) {
  const limit = bodyLimitBytes(options.bodyLimit ?? '1mb');
  const serve = async (req: IncomingMessage, res: ServerResponse, parsedBody?: unknown): Promise<void> => {
    let body: unknown;
    try {
      body = parsedBody !== undefined ? parsedBody : await readJsonBody(req, limit);
    } catch (error) {
      if (!(error instanceof BodyRefused)) throw error;
      refuseBody(res, error);
      return;
    }
    if (options.beforeExecute) {
      body = options.beforeExecute(req, res, body);
      if (body === false) return;
    }
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method?.toUpperCase() ?? 'GET', headers: headerMapOf(req), search: searchOf(req.url), body },
      context: () => options.context(req, res),
    });
    await writeResponse(res, response);
  };
  return (req: IncomingMessage, res: ServerResponse, parsedBody?: unknown): Promise<void> =>
    serve(req, res, parsedBody).catch(() => {
      // Apollo answers its own failures; reaching here means the socket or the stream broke.
      if (res.headersSent) return void res.destroy();
      refuseInternal(res);
    });
}

function refuseInternal(res: ServerResponse): void {
  const body = JSON.stringify({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
  res.writeHead(500, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
