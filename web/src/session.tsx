import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { SessionStore, type Viewer } from './auth/session-store';

export type { Viewer } from './auth/session-store';

export interface Session {
  /** The signed-in person, or null when signed out (and while a stored session is being restored). */
  viewer: Viewer | null;
  /** True until a session kept from an earlier visit has been restored or found to be over. */
  restoring: boolean;
  signIn(email: string, password: string): Promise<Viewer>;
  signUp(name: string, email: string, password: string): Promise<Viewer>;
  signOut(): Promise<void>;
  /** A valid access token (refreshed silently when it has expired), or null when signed out. */
  accessToken(): Promise<string | null>;
}

const SessionContext = createContext<{ store: SessionStore } | null>(null);

export function SessionProvider({ store, children }: { store: SessionStore; children: ReactNode }) {
  useEffect(() => {
    void store.restore();
  }, [store]);
  const value = useMemo(() => ({ store }), [store]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const context = useContext(SessionContext);
  if (!context) throw new Error('useSession() is used outside <SessionProvider>');
  const { store } = context;
  const { viewer, restoring } = useSyncExternalStore(store.subscribe, store.snapshot);
  return useMemo(
    () => ({
      viewer,
      restoring,
      signIn: (email, password) => store.signIn(email, password),
      signUp: (name, email, password) => store.signUp(name, email, password),
      signOut: () => store.signOut(),
      accessToken: () => store.currentAccessToken(),
    }),
    [store, viewer, restoring],
  );
}
