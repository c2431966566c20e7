import type { GatewayGraphQLRequest, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { Kind, parse, type FieldNode, type SelectionSetNode } from 'graphql';

export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';
const MESSAGE = 'This part of the answer is unavailable right now. Try again shortly.';

/** Response names (alias or field name) of the fields directly in a selection set, through inline fragments. */
function responseNames(selectionSet: SelectionSetNode | undefined, into = new Set<string>()): Set<string> {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) into.add((selection.alias ?? selection.name).value);
    else if (selection.kind === Kind.INLINE_FRAGMENT) responseNames(selection.selectionSet, into);
  }
  return into;
}

/**
 * What a failed subgraph fetch answers instead of throwing: no data, and one error per field it
 * was asked for, with a path the gateway maps onto the client's response (`_entities` paths become
 * the entity's place in the answer). The message and code say what happened, never which
 * subgraph or where it runs.
 */
export function unavailableResponse(request: GatewayGraphQLRequest): GatewayGraphQLResponse {
  const error = (path: (string | number)[]) => ({ message: MESSAGE, path, extensions: { code: SUBGRAPH_UNAVAILABLE } });
  let operation;
  try {
    operation = parse(request.query ?? '', { noLocation: true }).definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  } catch {
    operation = undefined;
  }
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return { errors: [error([])] };
  const entities = operation.selectionSet.selections.find(
    (selection): selection is FieldNode => selection.kind === Kind.FIELD && selection.name.value === '_entities',
  );
  const representations = request.variables?.representations;
  if (entities && Array.isArray(representations)) {
    const fields = [...responseNames(entities.selectionSet)].filter((name) => name !== '__typename');
    return { errors: representations.flatMap((_representation, index) => fields.map((field) => error(['_entities', index, field]))) };
  }
  return { errors: [...responseNames(operation.selectionSet)].map((field) => error([field])) };
}
