import { isScalarType, type GraphQLScalarType, type GraphQLSchema } from 'graphql';
import { ByteCountScalar, DateTimeScalar } from '@skillgraph/platform/src/scalars';

/** The custom scalars whose rules the gateway knows (the subgraphs use these same implementations). */
const KNOWN_SCALARS: readonly GraphQLScalarType[] = [ByteCountScalar, DateTimeScalar];

/**
 * Gives the gateway's schema the real input rules of the custom scalars it knows. The supergraph
 * only names its scalars, so the gateway would accept any value for them and plan the operation,
 * leaving the subgraph to refuse it; with the rules installed, a bad literal fails validation
 * (GRAPHQL_VALIDATION_FAILED) and a bad variable fails the gateway's variable check
 * (BAD_USER_INPUT) before any subgraph is called. Only parsing is replaced: the gateway never
 * serializes these values itself. Scalars it does not know keep accepting anything; their
 * subgraph's refusal still comes back to the client as a client error.
 */
export function installScalarChecks(schema: GraphQLSchema): void {
  for (const known of KNOWN_SCALARS) {
    const type = schema.getType(known.name);
    if (!type || !isScalarType(type) || type === known) continue;
    type.parseValue = known.parseValue;
    type.parseLiteral = known.parseLiteral;
  }
}
