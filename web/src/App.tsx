import { useState } from 'react';
import { BrowserRouter } from 'react-router-dom';
import { Provider } from 'urql';
import { SessionStore } from './auth/session-store';
import { Layout } from './components/Layout';
import { createGraphqlClient } from './graphql-client';
import { AppRoutes } from './routes';
import { SessionProvider, useSession } from './session';

export default function App() {
  // One store and one client for the page's lifetime (React may render App more than once).
  const [store] = useState(() => new SessionStore());
  const [client] = useState(() => createGraphqlClient(store));
  return (
    <SessionProvider store={store}>
      <Provider value={client}>
        <BrowserRouter>
          <Layout>
            <SignedInAs />
          </Layout>
        </BrowserRouter>
      </Provider>
    </SessionProvider>
  );
}

/**
 * The screens, mounted afresh whenever the signed-in person changes, so every query on them runs
 * again with the new identity (there is no client cache to clear: see graphql-client.ts).
 */
function SignedInAs() {
  const { viewer, restoring } = useSession();
  if (restoring) return <p role="status">Loading…</p>;
  return <AppRoutes key={viewer?.id ?? 'signed-out'} />;
}
