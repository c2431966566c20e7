import { randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT, type JWTPayload, type KeyLike } from 'jose';
import { unauthenticated } from '../errors';
import type { GraphQLError } from 'graphql';
import { SIGNING_ALGORITHM, type KeyRing } from './keys';
import type { VerificationKeySource } from './key-sources';
import { isRole, type Role, type UserViewer } from './viewer';
import { VerifiedTokenCache } from './verified-token-cache';

/** RFC 9068 token type: stops any other JWT signed with the same key from passing as an access token. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';

export type Clock = () => Date;
const systemClock: Clock = () => new Date();
const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

export interface AccessTokenClaims {
  /** The user id. */
  sub: string;
  role: Role;
  /** The refresh-token family (login session) this token belongs to, for audit and revocation lists. */
  sessionId?: string;
}

export interface IssuedAccessToken {
  token: string;
  tokenId: string;
  expiresAt: Date;
}

export interface AccessTokenIssuerOptions {
  keyRing: KeyRing;
  issuer: string;
  audience: string;
  /** Lifetime in seconds. Default 900 (15 minutes). */
  ttlSeconds?: number;
  clock?: Clock;
}

export interface AccessTokenIssuer {
  issueAccessToken(claims: AccessTokenClaims): Promise<IssuedAccessToken>;
}

/** Used by the users subgraph only: it alone holds private keys. */
export function createAccessTokenIssuer(options: AccessTokenIssuerOptions): AccessTokenIssuer {
  const { keyRing, issuer, audience, ttlSeconds = 900, clock = systemClock } = options;
  return {
    async issueAccessToken({ sub, role, sessionId }) {
      const key = keyRing.signingKey();
      const now = epochSeconds(clock());
      const tokenId = randomUUID();
      const token = await new SignJWT({ role, ...(sessionId ? { sid: sessionId } : {}) })
        .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: key.kid, typ: ACCESS_TOKEN_TYPE })
        .setSubject(sub)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt(now)
        .setNotBefore(now)
        .setExpirationTime(now + ttlSeconds)
        .setJti(tokenId)
        .sign(key.privateKey);
      return { token, tokenId, expiresAt: new Date((now + ttlSeconds) * 1000) };
    },
  };
}

export type TokenFailureReason =
  | 'expired'
  | 'not_yet_valid'
  | 'bad_signature'
  | 'unknown_key'
  | 'key_source_unavailable'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'wrong_type'
  | 'malformed'
  | 'missing_claim'
  | 'invalid_claim'
  | 'algorithm_not_allowed';

/**
 * Why a token was refused. For logs and metrics only: clients get one generic UNAUTHENTICATED
 * (see `toUnauthenticatedError`) so a forger learns nothing about which check failed.
 */
export class AccessTokenRejected extends Error {
  override readonly name = 'AccessTokenRejected';
  constructor(
    readonly reason: TokenFailureReason,
    detail?: string,
  ) {
    super(detail ? `access token rejected (${reason}): ${detail}` : `access token rejected (${reason})`);
  }
}

export const toUnauthenticatedError = (_rejection?: AccessTokenRejected): GraphQLError =>
  unauthenticated('Your session is not valid. Sign in again.');

export interface VerifiedViewer extends UserViewer {
  readonly tokenId: string;
  readonly expiresAt: Date;
  readonly sessionId?: string;
}

export interface AccessTokenVerifierOptions {
  keys: VerificationKeySource;
  issuer: string;
  audience: string;
  /** Seconds of clock skew tolerated on `exp`/`nbf`. Default 30. */
  clockToleranceSeconds?: number;
  clock?: Clock;
  /**
   * Tokens remembered after a successful verification, so the gateway and each subgraph verify a
   * token's signature once in its lifetime rather than on every hop (see VerifiedTokenCache for what
   * is still checked on every use). Default 10,000; 0 verifies every time.
   */
  cacheSize?: number;
}

export interface AccessTokenVerifier {
  /** Resolves to the token's user, or rejects with `AccessTokenRejected`. */
  verifyAccessToken(token: string): Promise<VerifiedViewer>;
}

// Claims our issuer always sets; a token without one of them was not minted by it.
const REQUIRED_CLAIMS = ['exp', 'iat', 'nbf', 'sub', 'jti'];

export function createAccessTokenVerifier(options: AccessTokenVerifierOptions): AccessTokenVerifier {
  const { keys, issuer, audience, clockToleranceSeconds = 30, clock = systemClock } = options;
  const keyById: VerificationKeySource = async (header) => {
    // Without a kid a JWKS lookup would fall back to "any key of the right type"; we never mint such tokens.
    if (typeof header.kid !== 'string' || header.kid === '') throw new AccessTokenRejected('unknown_key', 'no kid');
    return keys(header);
  };
  const cache = new VerifiedTokenCache(options.cacheSize ?? 10_000);
  return {
    async verifyAccessToken(token) {
      const now = clock();
      const remembered = await cache.recall(token, now.getTime(), clockToleranceSeconds * 1000, (header) => keyById(header));
      if (remembered) return remembered;
      let payload: JWTPayload;
      let verifiedWith: KeyLike | undefined;
      let header: { alg: string; kid?: string } | undefined;
      try {
        ({ payload } = await jwtVerify(
          token,
          async (protectedHeader) => {
            verifiedWith = await keyById(protectedHeader);
            header = { alg: protectedHeader.alg, ...(protectedHeader.kid !== undefined ? { kid: protectedHeader.kid } : {}) };
            return verifiedWith;
          },
          {
            algorithms: [SIGNING_ALGORITHM],
            issuer,
            audience,
            typ: ACCESS_TOKEN_TYPE,
            requiredClaims: REQUIRED_CLAIMS,
            clockTolerance: clockToleranceSeconds,
            currentDate: now,
          },
        ));
      } catch (error) {
        throw classify(error);
      }
      const viewer = viewerFromClaims(payload);
      if (verifiedWith && header) cache.remember(token, viewer, { notBeforeSeconds: payload.nbf as number, expiresAtSeconds: payload.exp as number, header, key: verifiedWith });
      return viewer;
    },
  };
}

function viewerFromClaims(payload: JWTPayload): VerifiedViewer {
  const { sub, jti, exp, role, sid } = payload;
  if (typeof sub !== 'string' || sub === '' || typeof jti !== 'string' || typeof exp !== 'number') {
    throw new AccessTokenRejected('invalid_claim', 'sub, jti or exp has the wrong type');
  }
  if (!isRole(role)) throw new AccessTokenRejected(role === undefined ? 'missing_claim' : 'invalid_claim', 'role');
  return {
    kind: 'user',
    id: sub,
    role,
    tokenId: jti,
    expiresAt: new Date(exp * 1000),
    ...(typeof sid === 'string' ? { sessionId: sid } : {}),
  };
}

/** Maps jose's error classes onto our reasons; anything unexpected counts as malformed. */
function classify(error: unknown): AccessTokenRejected {
  if (error instanceof AccessTokenRejected) return error;
  if (error instanceof errors.JWTExpired) return new AccessTokenRejected('expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') return new AccessTokenRejected('missing_claim', error.claim);
    switch (error.claim) {
      case 'nbf':
        return new AccessTokenRejected('not_yet_valid');
      case 'iss':
        return new AccessTokenRejected('wrong_issuer');
      case 'aud':
        return new AccessTokenRejected('wrong_audience');
      case 'typ':
        return new AccessTokenRejected('wrong_type');
      default:
        return new AccessTokenRejected('invalid_claim', error.claim);
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return new AccessTokenRejected('algorithm_not_allowed');
  if (error instanceof errors.JWSSignatureVerificationFailed) return new AccessTokenRejected('bad_signature');
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return new AccessTokenRejected('unknown_key');
  }
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) {
    return new AccessTokenRejected('key_source_unavailable', error.message);
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid || error instanceof errors.JOSENotSupported) {
    return new AccessTokenRejected('malformed', error.message);
  }
  // Network failures and non-200 answers while fetching the JWKS arrive as plain JOSEErrors or system errors.
  if (error instanceof errors.JOSEError || isSystemError(error)) {
    return new AccessTokenRejected('key_source_unavailable', (error as { message?: string }).message);
  }
  return new AccessTokenRejected('malformed');
}

// Socket-level codes such as ECONNREFUSED or ENOTFOUND (not Node's ERR_* programming errors).
// Duck-typed: errors from Node's core may come from another realm, where instanceof Error fails.
const isSystemError = (error: unknown): error is NodeJS.ErrnoException =>
  typeof error === 'object' && error !== null && /^E[A-Z]+$/.test(String((error as { code?: unknown }).code));
