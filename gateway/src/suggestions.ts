import type { GraphQLFormattedError } from 'graphql';

// graphql-js phrases every suggestion (fields, arguments, enum values, input fields; in validation
// and in variable coercion alike) as one sentence: ` Did you mean "x"?`, ` Did you mean "x", "y", or "z"?`,
// ` Did you mean the enum value "X"?`. Suggested names are schema names, which hold no "?".
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/** `message` without its "Did you mean ...?" sentences. */
export const withoutSuggestions = (message: string): string => message.replace(SUGGESTION, '');

/**
 * Wraps the client-facing error formatter so that no message names schema members the client did
 * not ask for (production). Apollo's own option strips suggestions from validation errors only;
 * this covers every error the gateway sends: variable coercion at the gateway, and the messages of
 * subgraph refusals it passes on.
 */
export function hideSuggestions(format: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const result = format(formatted, error);
    const message = withoutSuggestions(result.message);
    return message === result.message ? result : { ...result, message };
  };
}
