import { authExchange } from '@urql/exchange-auth';
import { Client, fetchExchange } from 'urql';
import type { SessionStore } from './auth/session-store';

/**
 * The app's urql client on the same-origin `/graphql`. No document cache exchange: urql's cache
 * rewrites each document (adding `__typename`), and the gateway may run only the registered text
 * of each operation (trusted documents, docs/web.md); screens ask the network and re-ask after
 * their mutations. The auth exchange adds the access token, refreshes it just before it expires,
 * and once more when the server says the token is not valid any more.
 */
export function createGraphqlClient(session: SessionStore, url = '/graphql'): Client {
  return new Client({
    url,
    preferGetMethod: false,
    requestPolicy: 'network-only',
    exchanges: [
      authExchange(async (utils) => {
        await session.currentAccessToken();
        return {
          addAuthToOperation(operation) {
            const token = session.peekAccessToken();
            return token ? utils.appendHeaders(operation, { Authorization: `Bearer ${token}` }) : operation;
          },
          willAuthError: () => session.expiresSoon(),
          didAuthError: (error) => error.response?.status === 401 || error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED'),
          refreshAuth: async () => {
            await session.refresh();
          },
        };
      }),
      fetchExchange,
    ],
  });
}
