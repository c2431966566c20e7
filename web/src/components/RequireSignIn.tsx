import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useSession } from '../session';

/** Screens that only make sense signed in say so, with a way to sign in and come back. */
export function RequireSignIn({ what, children }: { what: string; children: ReactNode }) {
  const { viewer } = useSession();
  const location = useLocation();
  if (viewer) return <>{children}</>;
  return (
    <p>
      <Link to="/login" state={{ from: location.pathname }}>
        Sign in
      </Link>{' '}
      to see {what}.
    </p>
  );
}
