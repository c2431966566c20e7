import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type FieldNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { LimitCode, LimitExceeded } from './codes';

export interface CostOptions {
  maxCost: number;
  /** Items assumed for a list field without a `first`/`last` argument. */
  defaultListSize: number;
  /** Items assumed when `first`/`last` is a variable the request leaves out and that has no default (the documented ceiling). */
  variableListSize: number;
}

// Inside a page the size is already counted on the paged field (`courses(first: 100)`).
const PAGE_ITEM_FIELDS = new Set(['edges', 'nodes']);
const PAGE_SIZE_ARGUMENTS = ['first', 'last'];

/** The request's variable values; `undefined` while validating, when they are not known yet. */
type VariableValues = Readonly<Record<string, unknown>> | undefined;

/**
 * Cost = every field counts 1, times the items its parent lists may hold: `first`/`last` as
 * written or as sent in a variable (else the argument's schema default), `defaultListSize` for
 * other lists. A nested `first: 100` inside `first: 100` costs 10,000 per field below it, which is
 * what a planner and the subgraphs would face. A variable page size costs the value the request
 * sends, never the default its declaration names: `$first: Int = 1` sent as 100 costs 100. Left
 * out, it costs its declared default, and without one `variableListSize` (the documented ceiling).
 * Stops counting once the cost is certainly above `maxCost`.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  options: CostOptions,
  variableValues: VariableValues,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const variables = operation.variableDefinitions ?? [];

  const pageSize = (node: FieldNode, field: GraphQLField<unknown, unknown>): number | undefined => {
    for (const name of PAGE_SIZE_ARGUMENTS) {
      const argument = field.args.find((arg) => arg.name === name);
      if (!argument) continue;
      const given = node.arguments?.find((arg) => arg.name.value === name)?.value;
      if (given) return sizeOf(given);
      if (typeof argument.defaultValue === 'number') return argument.defaultValue;
    }
    return undefined;
  };
  const sizeOf = (value: ValueNode): number => {
    if (value.kind === Kind.INT) return Math.max(0, Number(value.value));
    if (value.kind === Kind.VARIABLE) {
      // While validating, the least it could be: the request-time check costs the real value.
      if (!variableValues) return 0;
      const sent = variableValues[value.name.value];
      if (typeof sent === 'number' && Number.isFinite(sent)) return Math.max(0, sent);
      const declared = variables.find((definition) => definition.variable.name.value === value.name.value)?.defaultValue;
      if (sent === undefined && declared?.kind === Kind.INT) return Math.max(0, Number(declared.value));
      return options.variableListSize;
    }
    return options.defaultListSize;
  };

  // `seen` guards fragment cycles (reported by graphql's own rule; here they must not loop).
  const selectionCost = (selectionSet: SelectionSetNode, parent: GraphQLNamedType | undefined, seen: Set<string>, budgetLeft: number): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (total > budgetLeft) return total;
      if (selection.kind === Kind.FIELD) {
        total += fieldCost(selection, parent, seen, budgetLeft - total);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const typed = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        total += selectionCost(selection.selectionSet, typed ?? parent, seen, budgetLeft - total);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || seen.has(name)) continue;
        const typed = schema.getType(fragment.typeCondition.name.value) ?? parent;
        total += selectionCost(fragment.selectionSet, typed, new Set(seen).add(name), budgetLeft - total);
      }
    }
    return total;
  };
  const fieldCost = (node: FieldNode, parent: GraphQLNamedType | undefined, seen: Set<string>, budgetLeft: number): number => {
    if (!node.selectionSet) return 1;
    const field = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[node.name.value] : undefined;
    if (!field) return 1;
    const paged = pageSize(node, field);
    const multiplier = paged ?? (isListType(getNullableType(field.type)) && !PAGE_ITEM_FIELDS.has(node.name.value) ? options.defaultListSize : 1);
    // Stop descending once the budget is certainly spent: the answer is "too much" either way.
    const perItemBudget = multiplier === 0 ? budgetLeft : Math.ceil(budgetLeft / multiplier);
    const inner = selectionCost(node.selectionSet, getNamedType(field.type) as GraphQLCompositeType, seen, perItemBudget);
    return 1 + multiplier * inner;
  };

  const root = schema.getRootType(operation.operation);
  return selectionCost(operation.selectionSet, root ?? undefined, new Set(), options.maxCost);
}

const tooExpensive = (maxCost: number): LimitExceeded =>
  new LimitExceeded(LimitCode.Cost, `The operation is too expensive: its cost exceeds the limit of ${maxCost}. Ask for smaller pages or fewer nested lists.`);

/** The request-time refusal, wrapped the way Apollo wraps a validation failure, so the client cannot tell the two apart. */
const refusedAfterValidation = (maxCost: number): GraphQLError => {
  const refusal = tooExpensive(maxCost);
  return new GraphQLError(refusal.message, { originalError: refusal, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } } });
};

/**
 * The cost limit while validating: refuses what is too expensive whatever its variables hold
 * (variable page sizes count as 0 here). The verdict is cached with the document.
 */
export function costRule(options: CostOptions): ValidationRule {
  return (context: ValidationContext) => ({
    OperationDefinition(operation) {
      if (operationCost(context.getSchema(), context.getDocument(), operation, options, undefined) > options.maxCost)
        context.reportError(tooExpensive(options.maxCost));
    },
  });
}

/**
 * The cost limit once the variables are known (every request whose operation declares variables,
 * whichever way its document arrived: text, APQ hash or trusted document id).
 */
export function costPlugin(options: CostOptions): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation?.variableDefinitions?.length) return;
          if (operationCost(schema, document, operation, options, request.variables ?? {}) > options.maxCost) throw refusedAfterValidation(options.maxCost);
        },
      };
    },
  };
}
