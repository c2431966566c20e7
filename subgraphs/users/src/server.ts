import path from 'node:path';
import { createSubgraphServer, readTypeDefs, type SubgraphRuntime } from '@skillgraph/platform';
import type { Context } from './context';
import { createUserLoaders } from './data/loaders';
import { openUserRepository } from './data/user-repository';
import { resolvers } from './resolvers';

export const USERS_SUBGRAPH = 'users';

/** Builds the users subgraph over the runtime's store; nothing listens until `listen`. */
export async function buildUsersSubgraph(runtime: SubgraphRuntime) {
  const users = await openUserRepository(runtime.store);
  const server = createSubgraphServer<Context>({
    name: USERS_SUBGRAPH,
    typeDefs: readTypeDefs(path.join(__dirname, 'schema.graphql')),
    resolvers,
    context: async (req) => ({ viewer: await runtime.viewerFrom(req), loaders: createUserLoaders(users), users }),
    logger: runtime.logger,
    guards: runtime.guards,
    plugins: runtime.plugins,
    maskInternalErrors: runtime.maskInternalErrors,
    ready: () => runtime.store.ping(),
  });
  return { ...server, users };
}
