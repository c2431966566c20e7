import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from '../logger';
import { ErrorCode } from '../errors';
import { StoreUnavailableError } from '../documents/port';
import { StorageUnavailableError } from '../storage/port';

/** Codes that describe the client's own request; anything else is ours and is masked. */
const CLIENT_CODES = new Set<string>([
  ErrorCode.BadUserInput,
  ErrorCode.Unauthenticated,
  ErrorCode.Forbidden,
  ErrorCode.NotFound,
  ErrorCode.Conflict,
  ErrorCode.QuotaExceeded,
  ErrorCode.RateLimited,
  ErrorCode.ServiceUnavailable,
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * Keeps coded domain errors as they are, turns a write the document store or the object storage
 * could not make (and therefore did not make) into the retryable `SERVICE_UNAVAILABLE`, and replaces every other error with a generic one.
 */
export function maskErrors(logger: Logger, enabled: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const cause = unwrapResolverError(error);
    if (cause instanceof StoreUnavailableError) {
      logger.warn({ err: cause, path: formatted.path }, 'store write failed; nothing was changed');
      return {
        message: 'The service could not save this change and made none. Retry shortly.',
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: ErrorCode.ServiceUnavailable, retryable: true },
      };
    }
    if (cause instanceof StorageUnavailableError) {
      logger.warn({ err: cause, path: formatted.path }, 'object storage write failed; nothing was kept');
      return {
        message: 'The service could not store this file and kept nothing. Retry shortly.',
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: ErrorCode.ServiceUnavailable, retryable: true },
      };
    }
    const code = String(formatted.extensions?.code ?? ErrorCode.InternalServerError);
    if (!enabled || CLIENT_CODES.has(code)) return formatted;
    logger.error({ err: cause, path: formatted.path }, 'internal error');
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.InternalServerError },
    };
  };
}
