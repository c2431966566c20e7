import { GraphQLError } from 'graphql';

/** The one set of error codes clients see in `extensions.code`. */
export enum ErrorCode {
  BadUserInput = 'BAD_USER_INPUT',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  QuotaExceeded = 'QUOTA_EXCEEDED',
  RateLimited = 'RATE_LIMITED',
  /** Nothing happened (e.g. the store could not make a write durable); retrying later is safe. */
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  InternalServerError = 'INTERNAL_SERVER_ERROR',
}

export interface CodedErrorExtensions {
  /** The input field at fault, as a path such as `input.email`. */
  field?: string;
  [key: string]: unknown;
}

export function codedError(code: ErrorCode, message: string, extensions: CodedErrorExtensions = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

export const badUserInput = (message: string, field?: string): GraphQLError =>
  codedError(ErrorCode.BadUserInput, message, field ? { field } : {});
export const unauthenticated = (message = 'Sign in to do this.'): GraphQLError =>
  codedError(ErrorCode.Unauthenticated, message);
export const forbidden = (message = 'You are not allowed to do this.'): GraphQLError =>
  codedError(ErrorCode.Forbidden, message);
export const notFound = (what: string): GraphQLError => codedError(ErrorCode.NotFound, `${what} was not found.`);
export const conflict = (message: string, field?: string): GraphQLError =>
  codedError(ErrorCode.Conflict, message, field ? { field } : {});

/** A configuration that cannot run; lists every problem at once so one fix-and-retry suffices. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly service: string,
    readonly problems: string[],
  ) {
    super(`${service}: invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}
