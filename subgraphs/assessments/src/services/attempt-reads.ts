import type { Viewer } from '@skillgraph/platform';
import type { Context } from '../context';
import type { AssessmentRecord, AttemptRecord, CourseViewRecord, QuestionResultRecord } from '../data/records';
import { canSeeAnswerKey, canSeeAttempt } from './assessment-access';

/** A question result as a viewer may see it: the answer key only where the reveal setting allows. */
export interface QuestionResultView extends Omit<QuestionResultRecord, 'correctChoiceIds'> {
  correctChoiceIds: string[] | null;
}

/** The attempt when it exists and the viewer may see it; all loads batched. */
export async function visibleAttempt(id: string, { viewer, loaders }: Pick<Context, 'viewer' | 'loaders'>): Promise<AttemptRecord | null> {
  const attempt = await loaders.attemptById.load(id);
  if (!attempt) return null;
  return canSeeAttempt(viewer, attempt, await loaders.courseById.load(attempt.courseId)) ? attempt : null;
}

function mayReveal(viewer: Viewer, attempt: AttemptRecord, assessment: AssessmentRecord | null, course: CourseViewRecord | null): boolean {
  if (canSeeAnswerKey(viewer, course)) return true;
  if (attempt.status !== 'GRADED' || !assessment) return false;
  if (assessment.revealAnswers === 'AFTER_SUBMISSION') return true;
  return assessment.revealAnswers === 'AFTER_PASSING' && attempt.passed === true;
}

/** Results with the answer key withheld unless the viewer may see it. Nothing before grading. */
export async function resultsFor(attempt: AttemptRecord, { viewer, loaders }: Pick<Context, 'viewer' | 'loaders'>): Promise<QuestionResultView[]> {
  if (attempt.status !== 'GRADED') return [];
  const [assessment, course] = await Promise.all([loaders.assessmentById.load(attempt.assessmentId), loaders.courseById.load(attempt.courseId)]);
  const reveal = mayReveal(viewer, attempt, assessment, course);
  return attempt.results.map((result) => ({ ...result, correctChoiceIds: reveal ? result.correctChoiceIds : null }));
}
