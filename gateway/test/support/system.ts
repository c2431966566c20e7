import path from 'node:path';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { createLogger, type Role } from '@skillgraph/platform';
import { startStack, SUBGRAPH_NAMES, type Stack, type StackOptions, type SubgraphName } from '@skillgraph/stack';
import { openUserRepository } from '@skillgraph/users/src/data/user-repository';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** One operation a subgraph executed, with the headers it arrived with. */
export interface ReceivedOperation {
  query: string;
  headers: Record<string, string>;
}

export interface GraphQLResult<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> & { code?: string; field?: string } }[];
  /** The raw body, for "leaks nothing" checks. */
  text: string;
}

export interface RequestOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  headers?: Record<string, string>;
}

export const DEFAULT_PASSWORD = 'correct horse battery 9';

export interface AuthPayload {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
  user: { id: string; email: string | null; name: string; role: Role };
}

export const AUTH_FIELDS = 'accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt user { id email name role }';
export const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { ${AUTH_FIELDS} } }`;
export const LOGIN = `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { ${AUTH_FIELDS} } }`;

/** POSTs one operation to `url` and returns status, headers and the parsed body. */
export async function postGraphQL<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  { token, headers = {} }: RequestOptions = {},
): Promise<GraphQLResult<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: Pick<GraphQLResult<T>, 'data' | 'errors'>;
  try {
    body = JSON.parse(text) as Pick<GraphQLResult<T>, 'data' | 'errors'>;
  } catch {
    throw new Error(`non-JSON response ${response.status}: ${text.slice(0, 200)}`);
  }
  return { status: response.status, headers: response.headers, text, ...body };
}

function recorder(into: ReceivedOperation[]): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart({ request }) {
      into.push({ query: request.query ?? '', headers: Object.fromEntries(request.http?.headers ?? []) });
    },
  };
}

let emailCounter = 0;
/** A fresh address per call, so suites never collide on the unique email index. */
export const uniqueEmail = (prefix = 'person'): string => `${prefix}.${process.pid}.${++emailCounter}@example.com`;

/**
 * The whole system as `npm start` runs it (in-memory storage), with every operation each
 * subgraph executes recorded, and helpers to make accounts with a given role.
 */
export async function startSystem(options: Partial<StackOptions> = {}) {
  const received = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, [] as ReceivedOperation[]])) as Record<SubgraphName, ReceivedOperation[]>;
  const stack: Stack = await startStack({
    storage: { kind: 'memory' },
    logger: createLogger({ service: 'test', level: 'silent' }),
    supergraphPath: path.join(REPO_ROOT, 'schema', 'supergraph.graphql'),
    subgraphPlugins: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, [recorder(received[name])]])),
    ...options,
  });
  const users = await openUserRepository(stack.stores.users);

  const gql = <T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, request: RequestOptions = {}) =>
    postGraphQL<T>(stack.gatewayUrl, query, variables, request);

  /** Every operation any subgraph executed since the last `clearReceived`. */
  const allReceived = (): ReceivedOperation[] => SUBGRAPH_NAMES.flatMap((name) => received[name]);
  const clearReceived = (): void => {
    for (const name of SUBGRAPH_NAMES) received[name].length = 0;
  };

  async function register(input: { email?: string; password?: string; name?: string } = {}): Promise<AuthPayload> {
    const result = await gql<{ register: AuthPayload }>(REGISTER, {
      input: { email: input.email ?? uniqueEmail(), password: input.password ?? DEFAULT_PASSWORD, name: input.name ?? 'Test Person' },
    });
    if (!result.data?.register) throw new Error(`register failed: ${result.text}`);
    return result.data.register;
  }

  async function login(email: string, password = DEFAULT_PASSWORD): Promise<AuthPayload> {
    const result = await gql<{ login: AuthPayload }>(LOGIN, { email, password });
    if (!result.data?.login) throw new Error(`login failed: ${result.text}`);
    return result.data.login;
  }

  /** A signed-in account with `role` (promoted directly in the store, then signed in again so the token carries the role). */
  async function account(role: Role, name = `A ${role.toLowerCase()}`): Promise<AuthPayload> {
    const email = uniqueEmail(role.toLowerCase());
    const registered = await register({ email, name });
    if (role === 'STUDENT') return registered;
    await users.updateIf(registered.user.id, {}, { role }, new Date());
    return login(email);
  }

  return { stack, received, allReceived, clearReceived, gql, register, login, account, users, stop: () => stack.stop() };
}

export type TestSystem = Awaited<ReturnType<typeof startSystem>>;

