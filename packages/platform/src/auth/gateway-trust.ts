import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from '../errors';
import { AccessTokenRejected, type AccessTokenVerifier } from './tokens';
import { ANONYMOUS, type Viewer } from './viewer';

/** Carries the shared secret on every gateway→subgraph request. */
export const GATEWAY_SECRET_HEADER = 'x-skillgraph-gateway-secret';
/** The verified access token is forwarded unchanged, so each subgraph verifies it again. */
export const AUTHORIZATION_HEADER = 'authorization';

/**
 * Headers a client could send to pose as someone, or as the gateway. The gateway drops them from
 * every incoming request before anything reads them, and never forwards client headers wholesale.
 */
const CLIENT_IDENTITY_HEADERS: readonly RegExp[] = [
  /^x-skillgraph-/,
  /^x-user(-|$)/,
  /^x-forwarded-user$/,
  /^x-forwarded-email$/,
  /^x-forwarded-preferred-username$/,
  /^x-remote-user$/,
  /^remote-user$/,
  /^x-authenticated-(user|userid|user-id|role)$/,
  /^x-auth-request-/,
  /^x-auth-user$/,
  /^x-viewer(-|$)/,
  /^x-role$/,
];

export function isClientIdentityHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return CLIENT_IDENTITY_HEADERS.some((pattern) => pattern.test(lower));
}

/** A copy of `headers` without any identity header (names compared case-insensitively). */
export function stripClientIdentityHeaders<V>(headers: Record<string, V>): Record<string, V> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !isClientIdentityHeader(name)));
}

/** The headers the gateway adds to each subgraph request; omit the token for anonymous requests. */
export function gatewayRequestHeaders(secret: string, accessToken?: string): Record<string, string> {
  return accessToken ? { [GATEWAY_SECRET_HEADER]: secret, [AUTHORIZATION_HEADER]: `Bearer ${accessToken}` } : { [GATEWAY_SECRET_HEADER]: secret };
}

/** For embedded mode, where gateway and subgraphs share one process: 256 random bits. */
export function generateGatewaySecret(): string {
  return randomBytes(32).toString('base64url');
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * Constant-time equality. Both sides are hashed first so the comparison neither fails fast on a
 * length difference nor reveals the secret's length.
 */
export function secretsEqual(presented: string, expected: string): boolean {
  return timingSafeEqual(sha256(presented), sha256(expected));
}

/**
 * A check run before a request handler, written against node:http alone so it serves both the
 * lean GraphQL path and Express routes (an Express app accepts it as middleware unchanged).
 * It calls `next()` to let the request through, or answers the request itself.
 */
export type RequestGuard = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

export interface RequireGatewaySecretOptions {
  /** The shared secret (`AuthConfig.gatewaySecret`, or the generated one in embedded mode). */
  secret: string;
  /** Paths answered to GET/HEAD without the secret, for orchestrator probes. Default `['/health', '/ready']`. */
  publicPaths?: readonly string[];
}

const UNAUTHENTICATED_BODY = JSON.stringify({
  errors: [{ message: 'Requests must come through the SkillGraph gateway.', extensions: { code: ErrorCode.Unauthenticated } }],
});

// The path part of a request URL; under an Express mount this is relative to it, like `req.path`.
const pathOf = (url: string | undefined): string => {
  const query = url?.indexOf('?') ?? -1;
  return query === -1 ? (url ?? '/') : url!.slice(0, query);
};

/**
 * Mounted before the GraphQL handler of every subgraph: any request without the gateway's secret
 * gets 401 before GraphQL runs, so `_entities` and `_service` are not reachable directly, whatever
 * the method. The expected secret's digest is computed once; each request hashes only what it
 * presents, then compares in constant time.
 */
export function requireGatewaySecret({ secret, publicPaths = ['/health', '/ready'] }: RequireGatewaySecretOptions): RequestGuard {
  if (secret.length < 32) throw new Error('the gateway secret must be at least 32 characters');
  const open = new Set(publicPaths);
  const expected = sha256(secret);
  return (req, res, next) => {
    if ((req.method === 'GET' || req.method === 'HEAD') && open.has(pathOf(req.url))) return next();
    const presented = req.headers[GATEWAY_SECRET_HEADER];
    if (typeof presented === 'string' && timingSafeEqual(sha256(presented), expected)) return next();
    res.writeHead(401, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(UNAUTHENTICATED_BODY) });
    res.end(UNAUTHENTICATED_BODY);
  };
}

const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/** The token in an `Authorization: Bearer ...` header; null when absent; rejected when not a bearer token. */
export function bearerToken(header: string | undefined | null): string | null {
  if (header === undefined || header === null || header.trim() === '') return null;
  const match = BEARER.exec(header);
  if (!match?.[1]) throw new AccessTokenRejected('malformed', 'not a Bearer authorization header');
  return match[1];
}

/**
 * The request's viewer: anonymous without a token; the token's user when it verifies. A token that
 * is present but invalid rejects (AccessTokenRejected) instead of falling back to anonymous, so a
 * client with an expired token gets UNAUTHENTICATED and refreshes rather than silently seeing
 * only public data.
 */
export async function resolveViewer(authorizationHeader: string | undefined | null, verifier: AccessTokenVerifier): Promise<Viewer> {
  const token = bearerToken(authorizationHeader);
  if (token === null) return ANONYMOUS;
  return verifier.verifyAccessToken(token);
}
