import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { LimitCode, LimitExceeded } from './codes';
import { costPlugin, costRule } from './cost';
import { rootFieldsRule } from './root-fields';

export { LimitCode, LimitExceeded, limitCodeOf } from './codes';

export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
  /** Items assumed for a list without `first`/`last` when costing an operation. */
  defaultListSize: number;
}

/** Re-codes an armor refusal so the client learns which limit it hit. */
const refuseAs = (code: LimitCode) => ({
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(new LimitExceeded(code, error.message))],
});

/**
 * Everything checked before the gateway plans an operation. The token budget bounds parsing itself
 * (graphql-js stops at the limit, so a 1 MB document costs no more than a small one); the rules run
 * during validation, which Apollo Server does before handing the operation to the query planner,
 * and only for documents not already validated (the document cache keeps the verdict).
 * Armor's own token plugin and cost limit are not used: the first parses every document a second
 * time, the second ignores `first` arguments.
 */
export function operationLimits(limits: OperationLimits): {
  validationRules: ValidationRule[];
  parseOptions: { maxTokens: number };
  /** The checks that need the request's variables (the cost of variable page sizes). */
  plugins: ApolloServerPlugin<BaseContext>[];
} {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true, ...refuseAs(LimitCode.Depth) },
    maxAliases: { n: limits.maxAliases, ...refuseAs(LimitCode.Aliases) },
    maxDirectives: { n: limits.maxDirectives, ...refuseAs(LimitCode.Directives) },
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
  const { validationRules } = armor.protect();
  const cost = { maxCost: limits.maxCost, defaultListSize: limits.defaultListSize, variableListSize: 100 };
  return {
    validationRules: [...(validationRules as ValidationRule[]), rootFieldsRule(limits.maxRootFields), costRule(cost)],
    parseOptions: { maxTokens: limits.maxTokens },
    plugins: [costPlugin(cost)],
  };
}
