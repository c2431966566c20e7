import type { ChoiceResolvers } from '../generated/resolvers-types';

// No resolver for `correct`: the schema has no such field, so the answer key cannot leave.
export const Choice: ChoiceResolvers = {
  id: (choice) => choice._id,
};
