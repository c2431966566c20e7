import type { CombinedError } from '@urql/core';

/** The server's own words for a failed operation, without urql's `[GraphQL]`/`[Network]` prefixes. */
export function messageOf(error: CombinedError): string {
  const first = error.graphQLErrors[0];
  if (first) return first.message;
  if (error.networkError) return `The server could not be reached: ${error.networkError.message}`;
  return error.message;
}

/** A failed operation turned into an Error, so callers outside React can throw and catch it. */
export class OperationFailed extends Error {
  constructor(readonly combined: CombinedError) {
    super(messageOf(combined));
    this.name = 'OperationFailed';
  }

  get code(): string | undefined {
    const code = this.combined.graphQLErrors[0]?.extensions?.code;
    return typeof code === 'string' ? code : undefined;
  }
}
