import type { CombinedError } from 'urql';
import { messageOf } from '../errors';

/** Shows what went wrong in the server's words; nothing when there is nothing to show. */
export function ErrorAlert({ error, message }: { error?: CombinedError | undefined; message?: string | null }) {
  const text = error ? messageOf(error) : message;
  if (!text) return null;
  return (
    <p role="alert" className="alert">
      {text}
    </p>
  );
}
