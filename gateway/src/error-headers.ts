import { HeaderMap } from '@apollo/server';

/**
 * Response headers for a GraphQLError's `extensions.http` (401's WWW-Authenticate, 429's
 * Retry-After). Apollo Server reads them as a HeaderMap; graphql-yoga, which Hive Gateway brings
 * into the same type program for the benchmark, declares that field as a plain record. The value
 * is what Apollo reads; the type satisfies both declarations.
 */
export const errorResponseHeaders = (entries: [string, string][]): HeaderMap & Record<string, string> =>
  new HeaderMap(entries) as HeaderMap & Record<string, string>;
