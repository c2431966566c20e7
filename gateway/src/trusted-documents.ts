import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { NextFunction, Request, Response } from 'express';

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

/** GET requests carry `extensions` as JSON text in the query string. */
function bodyOf(req: Request): GraphQLRequestBody | undefined {
  if (req.method !== 'GET') return req.body as GraphQLRequestBody | undefined;
  const { query, extensions } = req.query as Record<string, unknown>;
  let parsed: GraphQLRequestBody['extensions'];
  try {
    parsed = typeof extensions === 'string' ? (JSON.parse(extensions) as GraphQLRequestBody['extensions']) : undefined;
  } catch {
    parsed = undefined;
  }
  return { query, extensions: parsed };
}

/**
 * Express middleware placed after the body parsers, before Apollo. `onRefused` counts refusals
 * (metrics). Off mode passes everything through untouched.
 */
export function trustedDocumentsMiddleware(settings: TrustedDocumentsSettings, onRefused: () => void = () => {}) {
  if (settings.mode === 'off') return (_req: Request, _res: Response, next: NextFunction): void => next();
  if (!settings.manifestPath) throw new Error('TRUSTED_DOCUMENTS=enforce needs TRUSTED_DOCUMENTS_MANIFEST');
  const documents = new Map(Object.entries(readManifest(settings.manifestPath).documents));
  return (req: Request, res: Response, next: NextFunction): void => {
    const body = bodyOf(req);
    const query = body && !Array.isArray(body) && typeof body.query === 'string' ? body.query : undefined;
    const hash = body && !Array.isArray(body) ? body.extensions?.persistedQuery?.sha256Hash : undefined;
    if (query !== undefined && documents.has(documentHash(query))) return next();
    if (query === undefined && typeof hash === 'string' && documents.has(hash)) {
      // A hash-only POST gets its document filled in, so it runs even before this replica's APQ
      // cache has it. (Express re-parses a GET's query string on each read: a GET goes on as it
      // is, and the client's usual APQ retry with the document is accepted by the hash above.)
      if (req.method !== 'GET') (req.body as GraphQLRequestBody).query = documents.get(hash);
      return next();
    }
    onRefused();
    res.status(400).json({
      errors: [{ message: 'This server runs only registered operations; this one is not in its list.', extensions: { code: NOT_IN_LIST } }],
    });
  };
}
