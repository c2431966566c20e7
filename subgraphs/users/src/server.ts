import { randomBytes } from 'node:crypto';
import path from 'node:path';
import {
  clientAddressFrom,
  createOutboxRelay,
  createSubgraphServer,
  jwksHandler,
  LoginThrottle,
  readTypeDefs,
  type SubgraphRuntime,
} from '@skillgraph/platform';
import type { Context } from './context';
import { createUserLoaders } from './data/loaders';
import { openAccountTokenRepository } from './data/account-token-repository';
import { openRefreshTokenRepository } from './data/refresh-token-repository';
import { openUserRepository } from './data/user-repository';
import { createRecoveryThrottle, type UsersIdentity } from './identity';
import type { Resolvers } from './generated/resolvers-types';
import { resolvers } from './resolvers';
import { createAccountRecoveryService } from './services/account-recovery';
import { createAccountService } from './services/account-service';
import { createSessionService } from './services/sessions';

export { usersIdentity, type UsersIdentity } from './identity';

export const USERS_SUBGRAPH = 'users';
/** Where verifiers fetch the public keys; outside /graphql, so it needs no gateway secret. */
export const JWKS_PATH = '/.well-known/jwks.json';

/**
 * Builds the users subgraph over the runtime's store and bus; nothing listens or publishes until
 * `listen`, which also starts the outbox relay. `identity` holds what it signs tokens with.
 */
export async function buildUsersSubgraph(runtime: SubgraphRuntime, identity: UsersIdentity) {
  const users = await openUserRepository(runtime.store);
  const refreshTokens = await openRefreshTokenRepository(runtime.store);
  const clock = identity.clock ?? (() => new Date());
  const sessions = createSessionService({ users, refreshTokens, identity, logger: runtime.logger });
  const accountTokens = await openAccountTokenRepository(runtime.store);
  const relay = createOutboxRelay({
    bus: runtime.events.bus,
    sources: [users.outboxSource, accountTokens.outboxSource],
    logger: runtime.logger,
    ...runtime.events.relay,
  });
  const throttle = identity.throttle ?? new LoginThrottle();
  const accounts = createAccountService({ users, sessions, throttle, clock, outbox: relay });
  if (!identity.mailTokenKey) runtime.logger.warn('no mail token key: reset and verification emails cannot be opened by the notifications service');
  const recovery = createAccountRecoveryService({
    users,
    refreshTokens,
    accountTokens,
    throttle: identity.recoveryThrottle ?? createRecoveryThrottle({ knownAddresses: throttle.knownAddresses }),
    tokenKey: identity.mailTokenKey ?? randomBytes(32),
    clock,
    outbox: relay,
    logger: runtime.logger,
  });
  const server = createSubgraphServer<Context, Resolvers>({
    name: USERS_SUBGRAPH,
    typeDefs: readTypeDefs(path.join(__dirname, 'schema.graphql')),
    resolvers,
    context: async (req) => ({
      viewer: await runtime.viewerFrom(req),
      clientAddress: clientAddressFrom(req),
      signedInNow: new Set<string>(),
      loaders: createUserLoaders(users),
      users,
      accounts,
      sessions,
      recovery,
    }),
    logger: runtime.logger,
    guards: runtime.guards,
    plugins: runtime.plugins,
    maskInternalErrors: runtime.maskInternalErrors,
    ready: () => runtime.store.ping(),
    routes: (app) => app.get(JWKS_PATH, jwksHandler(identity.keyRing)),
    // Reset requests still queued are handled before the relay stops, so their emails are staged and sent.
    background: [
      { name: 'users.outbox-relay', start: () => relay.start(), stop: () => relay.stop() },
      { name: 'users.reset-requests', start: () => undefined, stop: () => recovery.drain() },
    ],
  });
  return { ...server, users, refreshTokens, accountTokens, relay, recovery };
}
