import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';

/**
 * Trusted documents: in `enforce` mode the gateway runs only operations from a registered
 * manifest (hash → document) that `npm run documents:register` writes from the operations a client
 * ships. A request may send the document (its SHA-256 must be in the manifest) or only the hash as
 * an automatic persisted query (the gateway fills the document in from the manifest). Anything
 * else is refused with 400 and `PERSISTED_QUERY_NOT_IN_LIST` before Apollo parses it.
 */

export type TrustedDocumentsMode = 'off' | 'enforce';

export interface TrustedDocumentsSettings {
  /** `off` (default): any operation. `enforce`: only the manifest's. */
  mode: TrustedDocumentsMode;
  /** The manifest file; required in `enforce` mode. */
  manifestPath?: string;
}

export const MANIFEST_FORMAT = 'skillgraph-trusted-documents/1';

/** The file `documents:register` writes: SHA-256 (hex) of each document's exact text → the text. */
export interface TrustedDocumentsManifest {
  format: typeof MANIFEST_FORMAT;
  documents: Record<string, string>;
}

export const NOT_IN_LIST = 'PERSISTED_QUERY_NOT_IN_LIST';

export const documentHash = (document: string): string => createHash('sha256').update(document).digest('hex');

/** Reads and checks a manifest; throws naming the file and what is wrong (start-up refuses to run). */
export function readManifest(file: string): TrustedDocumentsManifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`trusted documents manifest ${file}: ${(error as Error).message}`, { cause: error });
  }
  const manifest = parsed as Partial<TrustedDocumentsManifest>;
  if (manifest.format !== MANIFEST_FORMAT || typeof manifest.documents !== 'object' || manifest.documents === null) {
    throw new Error(`trusted documents manifest ${file}: not a ${MANIFEST_FORMAT} manifest`);
  }
  for (const [hash, document] of Object.entries(manifest.documents)) {
    if (typeof document !== 'string' || documentHash(document) !== hash)
      throw new Error(`trusted documents manifest ${file}: ${hash} is not the SHA-256 of its document`);
  }
  return manifest as TrustedDocumentsManifest;
}

interface GraphQLRequestBody {
  query?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } };
}

/** GET requests carry the operation in the query string, `extensions` as JSON text. */
function bodyOfSearch(search: string): GraphQLRequestBody {
  const params = new URLSearchParams(search);
  const extensions = params.get('extensions');
  let parsed: GraphQLRequestBody['extensions'];
  try {
    parsed = extensions !== null ? (JSON.parse(extensions) as GraphQLRequestBody['extensions']) : undefined;
  } catch {
    parsed = undefined;
  }
  return { query: params.get('query') ?? undefined, extensions: parsed };
}

const REFUSAL = JSON.stringify({
  errors: [{ message: 'This server runs only registered operations; this one is not in its list.', extensions: { code: NOT_IN_LIST } }],
});

/**
 * Decides one request before Apollo parses it. `body` is the parsed POST body (unused for GET,
 * whose operation is in `search`). Returns the body to run, or false when it answered 400 itself.
 */
export type TrustedDocumentsCheck = (method: string | undefined, body: unknown, search: string, res: ServerResponse) => unknown;

/** The check for the settings; `onRefused` counts refusals (metrics). Off mode passes everything through untouched. */
export function trustedDocumentsCheck(settings: TrustedDocumentsSettings, onRefused: () => void = () => {}): TrustedDocumentsCheck {
  if (settings.mode === 'off') return (_method, body) => body;
  if (!settings.manifestPath) throw new Error('TRUSTED_DOCUMENTS=enforce needs TRUSTED_DOCUMENTS_MANIFEST');
  const documents = new Map(Object.entries(readManifest(settings.manifestPath).documents));
  return (method, body, search, res) => {
    const request = (method === 'GET' ? bodyOfSearch(search) : body) as GraphQLRequestBody | undefined;
    const single = request && !Array.isArray(request) ? request : undefined;
    const query = typeof single?.query === 'string' ? single.query : undefined;
    const hash = single?.extensions?.persistedQuery?.sha256Hash;
    if (query !== undefined && documents.has(documentHash(query))) return body;
    if (query === undefined && typeof hash === 'string' && documents.has(hash)) {
      // A hash-only POST gets its document filled in, so it runs even before this replica's APQ
      // cache has it. A GET goes on as it is (its query string is Apollo's to read), and the
      // client's usual APQ retry with the document is accepted by the hash above.
      if (method !== 'GET') (body as GraphQLRequestBody).query = documents.get(hash);
      return body;
    }
    onRefused();
    res.writeHead(400, { 'content-type': 'application/json; charset=utf-8' }).end(REFUSAL);
    return false;
  };
}

/** The same check as Express middleware, for the multipart upload path (after its body parser). */
export function trustedDocumentsMiddleware(check: TrustedDocumentsCheck): RequestHandler {
  return (req, res, next) => {
    if (check(req.method, req.body, searchOf(req.originalUrl), res) !== false) next();
  };
}

const searchOf = (url: string): string => {
  const index = url.indexOf('?');
  return index === -1 ? '' : url.slice(index);
};
