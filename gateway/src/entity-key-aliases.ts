import { GraphQLError, Kind, isAbstractType, parse, type DocumentNode, type ValidationContext, type ValidationRule } from 'graphql';

/** Top-level field names of each entity's `@key` field sets, by type name, read from the supergraph. */
export type EntityKeys = ReadonlyMap<string, ReadonlySet<string>>;

/** The fields the query planner adds to entity fetches by itself: every key's top-level fields, and `__typename`. */
export function entityKeysOf(supergraphSdl: string): EntityKeys {
  const keys = new Map<string, Set<string>>();
  const document: DocumentNode = parse(supergraphSdl, { noLocation: true });
  for (const definition of document.definitions) {
    if (!('name' in definition) || !definition.name || !('directives' in definition)) continue;
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== 'join__type') continue;
      const key = directive.arguments?.find((argument) => argument.name.value === 'key')?.value;
      if (key?.kind !== Kind.STRING) continue;
      const names = keys.get(definition.name.value) ?? new Set<string>(['__typename']);
      const selection = parse(`{ ${key.value} }`, { noLocation: true }).definitions[0];
      if (selection?.kind === Kind.OPERATION_DEFINITION)
        for (const field of selection.selectionSet.selections) if (field.kind === Kind.FIELD) names.add(field.name.value);
      keys.set(definition.name.value, names);
    }
  }
  return keys;
}

/**
 * Refuses an alias that takes the name of a key field of an entity for another field
 * (`id: title` on Course). The query planner adds the key fields to its subgraph fetches under their
 * own names; a client alias with the same name collides with them, and the planner then answers
 * wrongly (the key's value under the client's alias), answers null, or sends the subgraph an
 * invalid query. Refused here, the client learns why and no subgraph sees the operation.
 * `keys` is read per operation, so a supergraph reload takes effect at once.
 */
export function entityKeyAliasRule(keys: () => EntityKeys): ValidationRule {
  return (context: ValidationContext) => ({
    Field(node) {
      const alias = node.alias?.value;
      if (alias === undefined || alias === node.name.value) return;
      const parent = context.getParentType();
      if (!parent) return;
      const types = isAbstractType(parent) ? [parent, ...context.getSchema().getPossibleTypes(parent)] : [parent];
      const entity = types.find((type) => keys().get(type.name)?.has(alias));
      if (!entity) return;
      context.reportError(
        new GraphQLError(`The alias "${alias}" is the name of a key field of ${entity.name}, which the gateway needs for itself: choose another alias.`, {
          nodes: [node],
        }),
      );
    },
  });
}
