import { parseId } from '@skillgraph/platform';
import type { QueryResolvers } from '../generated/resolvers-types';

export const Query: QueryResolvers = {
  user: (_parent, { id }, { loaders }) => loaders.userById.load(parseId(id)),
  users: (_parent, args, { users }) => users.list(args),
};

