import type { IncomingHttpHeaders } from 'node:http';
import { GraphQLError } from 'graphql';
import { bearerToken, gatewayRequestHeaders, isClientIdentityHeader } from '@skillgraph/platform/src/auth/gateway-trust';
import { AccessTokenRejected, type AccessTokenVerifier } from '@skillgraph/platform/src/auth/tokens';
import { ANONYMOUS } from '@skillgraph/platform/src/auth/viewer';
import { ErrorCode } from '@skillgraph/platform/src/errors';
import type { Logger } from '@skillgraph/platform/src/logger';
import { CLIENT_ADDRESS_HEADER } from '@skillgraph/platform/src/server/subgraph-trust';
import type { ClientRequest, GatewayContext, HeaderSink } from './context';
import { errorResponseHeaders } from './error-headers';

export interface GatewayIdentityOptions {
  /** Verifies access tokens: `remoteKeySource(JWKS_URL)` when distributed, the local ring in one process. */
  verifier: AccessTokenVerifier;
  /** Sent to every subgraph in `x-skillgraph-gateway-secret`. */
  gatewaySecret: string;
  logger: Logger;
}

export interface GatewayIdentity {
  authenticate(req: ClientRequest): Promise<GatewayContext>;
  forwardIdentity(headers: HeaderSink, context: Partial<GatewayContext>): void;
}

// RFC 6750 §3: tells clients to refresh or sign in again rather than retry as is.
const invalidToken = (): GraphQLError =>
  new GraphQLError('Your session is not valid. Sign in again.', {
    extensions: {
      code: ErrorCode.Unauthenticated,
      http: { status: 401, headers: errorResponseHeaders([['www-authenticate', 'Bearer error="invalid_token"']]) },
    },
  });

// Our failure, not the client's: their token may be fine, so do not send them to sign in again.
const keysUnavailable = (): GraphQLError =>
  new GraphQLError('Sign-in cannot be checked right now. Try again shortly.', {
    extensions: { code: ErrorCode.InternalServerError, http: { status: 503 } },
  });

/**
 * Verifies the client's token once per request and forwards the result. Thrown from the context
 * function, a rejection ends the request before any query plan runs, so no subgraph is called.
 * No token means anonymous; a bad token never silently becomes anonymous.
 */
export function createGatewayIdentity({ verifier, gatewaySecret, logger }: GatewayIdentityOptions): GatewayIdentity {
  return {
    async authenticate({ headers, clientAddress }) {
      try {
        const token = bearerToken(headers.authorization);
        if (token === null) return { viewer: ANONYMOUS, clientAddress };
        return { viewer: await verifier.verifyAccessToken(token), accessToken: token, clientAddress };
      } catch (error) {
        if (!(error instanceof AccessTokenRejected)) throw error;
        if (error.reason === 'key_source_unavailable') {
          logger.error({ err: error }, 'cannot fetch the keys to verify access tokens');
          throw keysUnavailable();
        }
        logger.info({ reason: error.reason, clientAddress }, 'access token rejected');
        throw invalidToken();
      }
    },
    forwardIdentity(headers, context) {
      // Set one by one: this runs for every subgraph fetch, so no intermediate objects.
      const trusted = gatewayRequestHeaders(gatewaySecret, context.accessToken);
      for (const name in trusted) headers.set(name, trusted[name]!);
      if (context.clientAddress) headers.set(CLIENT_ADDRESS_HEADER, context.clientAddress);
    },
  };
}

/**
 * Drops every identity header the client sent (`x-user-id`, `x-skillgraph-*`, ...) before anything
 * reads the request. Subgraph requests are built from scratch anyway; this keeps plugins and logs
 * from ever seeing a client's claim as if it were ours.
 */
export function stripClientIdentityHeaders(headers: IncomingHttpHeaders): void {
  for (const name in headers) if (isClientIdentityHeader(name)) delete headers[name];
}
