import type { CombinedError, OperationResult } from 'urql';

/**
 * The learning loop is eventually consistent across subgraphs (docs/learning.md): right after
 * `enroll` or `publishCourse`, `startAttempt` may answer FORBIDDEN or BAD_USER_INPUT for a moment.
 * Such answers are asked again for a short while before the learner sees them.
 */
const SETTLING_CODES = new Set(['FORBIDDEN', 'BAD_USER_INPUT', 'NOT_FOUND']);
const SETTLE_FOR_MS = 3000;
const PAUSE_MS = 250;

const settling = (error: CombinedError): boolean =>
  error.graphQLErrors.some((e) => typeof e.extensions?.code === 'string' && SETTLING_CODES.has(e.extensions.code));

export async function whileSettling<T extends OperationResult>(run: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + SETTLE_FOR_MS;
  for (;;) {
    const result = await run();
    if (!result.error || !settling(result.error) || Date.now() > deadline) return result;
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
  }
}
