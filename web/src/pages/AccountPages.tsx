import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { ErrorAlert } from '../components/ErrorAlert';
import { useSession } from '../session';

/** Where to go after signing in: back to the page that asked for it, or the catalogue. */
function useReturnTo(): () => Promise<void> {
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: unknown } | null)?.from;
  return async () => {
    await navigate(typeof from === 'string' && from.startsWith('/') ? from : '/', { replace: true });
  };
}

function useSubmit(action: (form: FormData) => Promise<unknown>) {
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFailure(null);
    setBusy(true);
    try {
      await action(new FormData(event.currentTarget));
    } catch (error) {
      setFailure((error as Error).message);
      setBusy(false);
    }
  };
  return { failure, busy, onSubmit: (event: FormEvent<HTMLFormElement>) => void onSubmit(event) };
}

const field = (form: FormData, name: string): string => String(form.get(name) ?? '');

/** Shown instead of a sign-in form to someone who is signed in already. */
function AlreadySignedIn({ name }: { name: string }) {
  return (
    <section className="narrow">
      <h1>You are signed in</h1>
      <p>
        You are signed in as {name}. <Link to="/">Go to the catalogue</Link>.
      </p>
    </section>
  );
}

export function LogInPage() {
  const { signIn, viewer } = useSession();
  const returnTo = useReturnTo();
  const { failure, busy, onSubmit } = useSubmit(async (form) => {
    await signIn(field(form, 'email'), field(form, 'password'));
    await returnTo();
  });
  if (viewer) return <AlreadySignedIn name={viewer.name} />;
  return (
    <section className="narrow">
      <h1>Log in</h1>
      <form onSubmit={onSubmit} className="stacked">
        <ErrorAlert message={failure} />
        <label htmlFor="login-email">Email</label>
        <input id="login-email" name="email" type="email" autoComplete="username" required />
        <label htmlFor="login-password">Password</label>
        <input id="login-password" name="password" type="password" autoComplete="current-password" required />
        <button type="submit" disabled={busy}>
          Log in
        </button>
      </form>
      <p>
        New here? <Link to="/signup">Create an account</Link>.
      </p>
    </section>
  );
}

export function SignUpPage() {
  const { signUp, viewer } = useSession();
  const returnTo = useReturnTo();
  const { failure, busy, onSubmit } = useSubmit(async (form) => {
    await signUp(field(form, 'name'), field(form, 'email'), field(form, 'password'));
    await returnTo();
  });
  if (viewer) return <AlreadySignedIn name={viewer.name} />;
  return (
    <section className="narrow">
      <h1>Sign up</h1>
      <form onSubmit={onSubmit} className="stacked">
        <ErrorAlert message={failure} />
        <label htmlFor="signup-name">Name</label>
        <input id="signup-name" name="name" autoComplete="name" required />
        <label htmlFor="signup-email">Email</label>
        <input id="signup-email" name="email" type="email" autoComplete="email" required />
        <label htmlFor="signup-password">Password</label>
        <input id="signup-password" name="password" type="password" autoComplete="new-password" minLength={10} aria-describedby="password-rule" required />
        <p id="password-rule" className="hint">
          At least 10 characters, mixing at least two kinds (lower case, upper case, digits, symbols).
        </p>
        <button type="submit" disabled={busy}>
          Create account
        </button>
      </form>
      <p>
        Already have an account? <Link to="/login">Sign in instead</Link>.
      </p>
    </section>
  );
}
