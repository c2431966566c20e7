import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors';
import type { Logger } from '../logger';
import { requireGatewaySecret, resolveViewer, type RequestGuard } from '../auth/gateway-trust';
import { AccessTokenRejected, type AccessTokenVerifier } from '../auth/tokens';
import type { Viewer } from '../auth/viewer';

/**
 * The client's address as the gateway saw it on its socket. The gateway sets it on every subgraph
 * request and strips any client-sent copy (every `x-skillgraph-*` header is stripped), so a
 * subgraph may trust it exactly when the gateway secret came with it.
 */
export const CLIENT_ADDRESS_HEADER = 'x-skillgraph-client-ip';

/** What each subgraph's runtime needs to know who is asking, and to refuse anyone not sent by the gateway. */
export interface SubgraphTrust {
  viewerFrom(req: IncomingMessage): Promise<Viewer>;
  guards: RequestGuard[];
}

export interface SubgraphTrustOptions {
  /** The secret the gateway sends in `x-skillgraph-gateway-secret`. */
  gatewaySecret: string;
  /** Verifies the forwarded access token again (the same keys the gateway uses). */
  verifier: AccessTokenVerifier;
  logger: Logger;
}

/** A token that fails here passed the gateway moments ago: log it, answer like the gateway does. */
export const invalidTokenError = (): GraphQLError =>
  new GraphQLError('Your session is not valid. Sign in again.', {
    extensions: { code: ErrorCode.Unauthenticated, http: { status: 401 } },
  });

/**
 * The subgraph half of "no one goes around the gateway": the secret check runs before the body is
 * even parsed, so `_entities`, `_service` and every other operation are unreachable without it;
 * the forwarded token is verified again rather than believed.
 */
export function createSubgraphTrust({ gatewaySecret, verifier, logger }: SubgraphTrustOptions): SubgraphTrust {
  return {
    guards: [requireGatewaySecret({ secret: gatewaySecret })],
    async viewerFrom(req) {
      try {
        return await resolveViewer(req.headers.authorization, verifier);
      } catch (error) {
        if (!(error instanceof AccessTokenRejected)) throw error;
        logger.warn({ reason: error.reason }, 'forwarded access token rejected');
        throw invalidTokenError();
      }
    },
  };
}

/** For login throttling and audit. Behind `requireGatewaySecret` this is the gateway's word; without it, the socket's. */
export function clientAddressFrom(req: IncomingMessage): string {
  const forwarded = req.headers[CLIENT_ADDRESS_HEADER];
  return (typeof forwarded === 'string' ? forwarded : undefined) ?? req.socket.remoteAddress ?? 'unknown';
}
