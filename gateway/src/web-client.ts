import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type Response } from 'express';
import type { Logger } from '@skillgraph/platform';

/**
 * Paths the API owns: never answered with the web client's index.html, even when nothing else
 * matched. A trailing slash owns only what is below it: `/certificates` itself is the client's
 * page of the learner's certificates, `/certificates/<id>.pdf` the signed PDFs.
 */
export const API_PATHS = ['/graphql', '/files', '/uploads', '/certificates/', '/health', '/ready', '/metrics'] as const;

/** Hashed file names change with their content, so browsers may keep them for a year without asking again. */
const HASHED_ASSET_MAX_AGE = '365d';

export interface WebClientOptions {
  /** The built client (`vite build` output: index.html + assets/); undefined or missing: no client. */
  directory: string | undefined;
  logger: Logger;
  /**
   * The origin the API's absolute links (signed media URLs, upload URLs) name, when this gateway
   * knows it (the one-process stack does). A page loaded from another name of this host is sent
   * there, so the client's media and uploads stay same-origin. Undefined: no redirect.
   */
  publicOrigin?: () => string | undefined;
}

/** Where a page load should go instead, or undefined when it already came to the public origin. */
function canonicalLocation(publicOrigin: string | undefined, host: string | undefined, url: string): string | undefined {
  if (!publicOrigin || !host) return undefined;
  const origin = new URL(publicOrigin);
  return origin.host === host.toLowerCase() ? undefined : `${origin.origin}${url}`;
}

const isApiPath = (requestPath: string) =>
  API_PATHS.some((prefix) => (prefix.endsWith('/') ? requestPath.startsWith(prefix) : requestPath === prefix || requestPath.startsWith(`${prefix}/`)));

// index.html names the current hashed bundles: it must be revalidated on every load, or a browser
// keeps starting yesterday's build.
const noCache = (res: Response) => res.setHeader('cache-control', 'no-cache');

/**
 * Serves the single-page web client on the gateway's origin, so it calls `/graphql`, `/files`,
 * `/uploads` and `/certificates` same-origin (no CORS in the way). `/assets/*` are immutable;
 * other GET requests that are not API paths and not files get `index.html` (client-side routes).
 * A directory without `index.html` means this gateway serves the API only; that is said once.
 */
export function mountWebClient(app: Express, options: WebClientOptions): boolean {
  const { directory, logger } = options;
  if (!directory) return false;
  const indexFile = path.join(path.resolve(directory), 'index.html');
  if (!existsSync(indexFile)) {
    logger.info({ directory }, 'no web client built there (npm run web:build); serving the API only');
    return false;
  }
  const root = path.dirname(indexFile);
  // A missing hashed asset is a 404, not the app: a stale index.html must not load HTML as script.
  app.use('/assets', express.static(path.join(root, 'assets'), { maxAge: HASHED_ASSET_MAX_AGE, immutable: true, index: false, fallthrough: false }));
  app.use(
    express.static(root, {
      index: false,
      setHeaders: (res, file) => {
        if (path.basename(file) === 'index.html') noCache(res);
      },
    }),
  );
  app.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.path)) return next();
    const location = canonicalLocation(options.publicOrigin?.(), req.headers.host, req.originalUrl);
    if (location) return res.redirect(307, location);
    noCache(res);
    res.sendFile(indexFile, (error) => {
      if (error && !res.headersSent) next(error);
    });
  });
  logger.info({ directory: root }, 'serving the web client');
  return true;
}
