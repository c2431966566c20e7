import { GraphQLError } from 'graphql';

/** The `extensions.code` of each refusal the gateway makes before planning an operation. */
export enum LimitCode {
  Depth = 'MAX_DEPTH_EXCEEDED',
  Aliases = 'MAX_ALIASES_EXCEEDED',
  RootFields = 'MAX_ROOT_FIELDS_EXCEEDED',
  Directives = 'MAX_DIRECTIVES_EXCEEDED',
  Tokens = 'MAX_TOKENS_EXCEEDED',
  Cost = 'MAX_COST_EXCEEDED',
}

const LIMIT_CODES = new Set<string>(Object.values(LimitCode));

/** A limit refusal raised from a validation rule; Apollo wraps it, `limitCodeOf` finds it again. */
export class LimitExceeded extends GraphQLError {
  constructor(
    readonly limitCode: LimitCode,
    message: string,
  ) {
    super(message, { extensions: { code: limitCode } });
  }
}

// graphql-js's own message ("more that N tokens" in 16.x) when `parse(..., { maxTokens })` gives up.
const TOO_MANY_TOKENS = /Document contains more th\w+ \d+ tokens/;

/**
 * The limit behind an error, if any. Apollo re-codes validation failures as
 * GRAPHQL_VALIDATION_FAILED and parse failures as GRAPHQL_PARSE_FAILED; the refusal itself stays
 * reachable as `originalError` (or, for the token budget, in graphql-js's message).
 */
export function limitCodeOf(error: unknown): LimitCode | undefined {
  let current: unknown = error;
  for (let hops = 0; current instanceof Error && hops < 4; hops += 1) {
    if (current instanceof LimitExceeded) return current.limitCode;
    const code = (current as Partial<GraphQLError>).extensions?.code;
    if (typeof code === 'string' && LIMIT_CODES.has(code)) return code as LimitCode;
    if (TOO_MANY_TOKENS.test(current.message)) return LimitCode.Tokens;
    current = (current as Partial<GraphQLError>).originalError;
  }
  return undefined;
}
