import { parseId } from '@skillgraph/platform';
import type { QueryResolvers } from '../generated/resolvers-types';

// Access rules (who may call what) are in ./access-rules.ts; field-level ownership in ./user.ts.
export const Query: QueryResolvers = {
  user: (_parent, { id }, { loaders }) => loaders.userById.load(parseId(id)),
  users: (_parent, args, { users }) => users.list(args),
  me: (_parent, _args, { viewer, loaders }) => (viewer.kind === 'user' ? loaders.userById.load(viewer.id) : null),
};
