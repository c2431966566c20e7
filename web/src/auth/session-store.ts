import { createClient, fetchExchange, type Client } from '@urql/core';
import type { Role, SessionTokensFragment } from '../gql/graphql';
import { OperationFailed } from '../errors';
import { RefreshSessionMutation, SignInMutation, SignOutMutation, SignUpMutation } from './auth-operations';

export interface Viewer {
  id: string;
  name: string;
  email: string | null;
  role: Role;
}

/**
 * The signed-in session outside React: the access token lives in memory only; the refresh token is
 * kept in localStorage so a reload (or a new tab) keeps the session (docs/web.md says why).
 * Refresh tokens work once and a reused one ends the whole session, so every refresh runs under a
 * Web Lock shared by the tabs and re-reads the stored token inside it: two tabs (or React's
 * development double effects) never present the same token twice.
 */

const REFRESH_TOKEN_KEY = 'skillgraph.refreshToken';
const REFRESH_LOCK = 'skillgraph.refresh';
/** Refresh this long before the access token's expiry, so a request never leaves with a dying token. */
const EXPIRY_MARGIN_MS = 30_000;

type Listener = () => void;

export interface SessionSnapshot {
  viewer: Viewer | null;
  restoring: boolean;
}

export class SessionStore {
  private viewer: Viewer | null = null;
  private accessToken: string | null = null;
  private accessTokenExpiresAt = 0;
  private restoring = true;
  private refreshing: Promise<string | null> | null = null;
  private readonly listeners = new Set<Listener>();
  private state: SessionSnapshot = { viewer: null, restoring: true };
  /** Identity operations go without the Authorization header: they carry their own credentials. */
  private readonly bare: Client;

  /** `now` is the clock that decides when the access token is about to expire (tests move it). */
  constructor(
    url = '/graphql',
    private readonly now: () => number = Date.now,
  ) {
    this.bare = createClient({ url, exchanges: [fetchExchange], preferGetMethod: false, requestPolicy: 'network-only' });
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** What React reads: a new object only when something changed, as useSyncExternalStore requires. */
  snapshot = (): SessionSnapshot => this.state;

  private publish(): void {
    this.state = { viewer: this.viewer, restoring: this.restoring };
    for (const listener of this.listeners) listener();
  }

  /** At start-up: turns a stored refresh token back into a session, or settles as signed out. */
  async restore(): Promise<void> {
    if (readStoredToken()) await this.refresh();
    this.restoring = false;
    this.publish();
  }

  async signIn(email: string, password: string): Promise<Viewer> {
    const result = await this.bare.mutation(SignInMutation, { email, password }).toPromise();
    if (result.error) throw new OperationFailed(result.error);
    return this.adopt(result.data!.login);
  }

  async signUp(name: string, email: string, password: string): Promise<Viewer> {
    const result = await this.bare.mutation(SignUpMutation, { input: { name, email, password } }).toPromise();
    if (result.error) throw new OperationFailed(result.error);
    return this.adopt(result.data!.register);
  }

  async signOut(): Promise<void> {
    const token = readStoredToken();
    this.forget();
    if (!token) return;
    const result = await this.bare.mutation(SignOutMutation, { refreshToken: token }).toPromise();
    if (result.error) throw new OperationFailed(result.error);
  }

  /** A usable access token, refreshed first when it is about to expire; null when signed out. */
  async currentAccessToken(): Promise<string | null> {
    if (this.accessToken && !this.expiresSoon()) return this.accessToken;
    if (!this.accessToken && !readStoredToken()) return null;
    return this.refresh();
  }

  /** The token as it is now, for the request being sent (urql's auth exchange asks synchronously). */
  peekAccessToken(): string | null {
    return this.accessToken;
  }

  expiresSoon(): boolean {
    return this.accessToken !== null && this.now() > this.accessTokenExpiresAt - EXPIRY_MARGIN_MS;
  }

  /** Trades the stored refresh token for a new pair; concurrent callers share one refresh. */
  refresh(): Promise<string | null> {
    this.refreshing ??= withRefreshLock(() => this.refreshOnce()).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refreshOnce(): Promise<string | null> {
    const token = readStoredToken();
    if (!token) {
      this.forget();
      return null;
    }
    const result = await this.bare.mutation(RefreshSessionMutation, { token }).toPromise();
    if (result.error) {
      // A network failure keeps the stored token for the next try; a refusal means the session is over.
      if (result.error.graphQLErrors.length > 0) this.forget();
      return null;
    }
    this.adopt(result.data!.refreshToken);
    return this.accessToken;
  }

  private adopt(payload: SessionTokensFragment): Viewer {
    this.accessToken = payload.accessToken;
    this.accessTokenExpiresAt = Date.parse(payload.accessTokenExpiresAt);
    localStorage.setItem(REFRESH_TOKEN_KEY, payload.refreshToken);
    const { id, name, email, role } = payload.user;
    this.viewer = { id, name, email: email ?? null, role };
    this.publish();
    return this.viewer;
  }

  private forget(): void {
    localStorage.removeItem(REFRESH_TOKEN_KEY);
    this.accessToken = null;
    this.accessTokenExpiresAt = 0;
    if (this.viewer) {
      this.viewer = null;
      this.publish();
    }
  }
}

function readStoredToken(): string | null {
  return localStorage.getItem(REFRESH_TOKEN_KEY);
}

async function withRefreshLock<T>(task: () => Promise<T>): Promise<T> {
  if (typeof navigator !== 'undefined' && navigator.locks) return (await navigator.locks.request(REFRESH_LOCK, task)) as T;
  return task();
}
