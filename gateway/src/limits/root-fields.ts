import { Kind, type ValidationContext, type ValidationRule } from 'graphql';
import { LimitCode, LimitExceeded } from './codes';

/** At most `max` fields directly under each operation's root (fragments at the root included). */
export function rootFieldsRule(max: number): ValidationRule {
  return (context: ValidationContext) => ({
    OperationDefinition(operation) {
      let fields = 0;
      const pending = [operation.selectionSet];
      const seenFragments = new Set<string>();
      while (pending.length > 0 && fields <= max) {
        for (const selection of pending.pop()!.selections) {
          if (selection.kind === Kind.FIELD) fields += 1;
          else if (selection.kind === Kind.INLINE_FRAGMENT) pending.push(selection.selectionSet);
          else if (!seenFragments.has(selection.name.value)) {
            seenFragments.add(selection.name.value);
            const fragment = context.getFragment(selection.name.value);
            if (fragment) pending.push(fragment.selectionSet);
          }
        }
      }
      if (fields > max) context.reportError(new LimitExceeded(LimitCode.RootFields, `The operation asks for more than ${max} root fields.`));
    },
  });
}
