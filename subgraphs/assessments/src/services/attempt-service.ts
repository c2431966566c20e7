import { badUserInput, codedError, conflict, DuplicateKeyError, ErrorCode, forbidden, newId, notFound, parseId, type Viewer } from '@skillgraph/platform';
import type { AssessmentRepository } from '../data/assessment-repository';
import type { AttemptRepository } from '../data/attempt-repository';
import type { CourseDirectory } from '../data/course-directory';
import type { EnrollmentDirectory } from '../data/enrollment-directory';
import { maxScoreOf } from '../data/defaults';
import type { AssessmentRecord, AttemptRecord, GradedContent } from '../data/records';
import { attemptGraded } from '../events/assessment-events';
import { canView, requireSignedIn } from './assessment-access';
import { checkAnswers, grade, type AnswerInput } from './grading';

/** How often starting is retried when a concurrent start took the same attempt number. */
const MAX_START_RACES = 5;

export type AttemptService = ReturnType<typeof createAttemptService>;

export interface AttemptServiceOptions {
  outbox: { notify(): void };
  now?: () => Date;
}

export function createAttemptService(
  assessments: AssessmentRepository,
  attempts: AttemptRepository,
  courses: CourseDirectory,
  enrollments: EnrollmentDirectory,
  { outbox, now = () => new Date() }: AttemptServiceOptions,
) {
  const pastDeadline = (attempt: AttemptRecord, at: Date): boolean => attempt.deadline !== null && at.getTime() > attempt.deadline.getTime();

  /** What the attempt is graded against: the version it started on, kept aside if edited since. */
  async function contentFor(attempt: AttemptRecord, assessment: AssessmentRecord): Promise<GradedContent> {
    if (attempt.assessmentVersion === assessment.version) return assessment;
    const kept = await assessments.findVersion(assessment._id, attempt.assessmentVersion);
    if (!kept) throw new Error(`version ${attempt.assessmentVersion} of assessment ${assessment._id} is missing`);
    return kept;
  }

  /** Closes an attempt whose time ran out under the REFUSE policy; only an IN_PROGRESS one changes. */
  const expire = (attempt: AttemptRecord): Promise<AttemptRecord | null> => attempts.updateWhere(attempt._id, { status: 'IN_PROGRESS' }, { $set: { status: 'EXPIRED' } });

  return {
    contentFor,

    /**
     * Starts an attempt for an enrolled learner, or returns the one in progress. Attempt numbers
     * are unique per learner and assessment in the store, so concurrent starts cannot exceed
     * `maxAttempts`.
     */
    async startAttempt(viewer: Viewer, rawId: string): Promise<AttemptRecord> {
      const user = requireSignedIn(viewer);
      const assessment = await assessments.findById(parseId(rawId, 'assessmentId'));
      const course = assessment ? await courses.get(assessment.courseId) : null;
      // Unknown and invisible ids get the same answer: bad input naming the argument.
      if (!assessment || assessment.status === 'DELETED' || !canView(viewer, course)) throw badUserInput('No assessment has this id.', 'assessmentId');
      if (assessment.status === 'ARCHIVED') throw codedError(ErrorCode.BadUserInput, 'This assessment is archived and takes no new attempts.', { field: 'assessmentId' });
      const enrollment = await enrollments.get(user.id, assessment.courseId);
      if (!enrollment || enrollment.status === 'CANCELLED') throw forbidden('Enroll in the course before taking its assessments.');

      for (let race = 1; ; race += 1) {
        const at = now();
        const previous = await attempts.findFor(assessment._id, user.id);
        const open = previous.find((attempt) => attempt.status === 'IN_PROGRESS');
        if (open && !(pastDeadline(open, at) && assessment.lateSubmissions === 'REFUSE')) return open;
        if (open) await expire(open);
        if (assessment.maxAttempts !== null && previous.length >= assessment.maxAttempts) {
          throw codedError(ErrorCode.QuotaExceeded, `You have used all ${assessment.maxAttempts} attempts at this assessment.`, { field: 'assessmentId' });
        }
        const attempt: AttemptRecord = {
          _id: newId(),
          assessmentId: assessment._id,
          assessmentVersion: assessment.version,
          courseId: assessment.courseId,
          userId: user.id,
          number: previous.length + 1,
          status: 'IN_PROGRESS',
          startedAt: at,
          deadline: assessment.timeLimitMinutes === null ? null : new Date(at.getTime() + assessment.timeLimitMinutes * 60_000),
          submittedAt: null,
          late: false,
          answers: [],
          score: null,
          maxScore: maxScoreOf(assessment),
          percentage: null,
          passed: null,
          results: [],
        };
        try {
          return await attempts.insert(attempt);
        } catch (error) {
          if (!(error instanceof DuplicateKeyError) || race === MAX_START_RACES) throw error;
        }
      }
    },

    /**
     * Grades a submission on the server. Answers are checked before anything is written; the
     * grade and its two events commit in one write conditioned on the attempt still being
     * IN_PROGRESS, so the same attempt submitted twice at once is graded once.
     */
    async submitAttempt(viewer: Viewer, rawId: string, answers: readonly AnswerInput[]): Promise<AttemptRecord> {
      const user = requireSignedIn(viewer);
      const attempt = await attempts.findById(parseId(rawId, 'attemptId'));
      // Someone else's attempt is reported as unknown: its existence is not the caller's business.
      if (!attempt || attempt.userId !== user.id) throw badUserInput('No attempt of yours has this id.', 'attemptId');
      if (attempt.status !== 'IN_PROGRESS') throw conflict('This attempt was already submitted or has expired.', 'attemptId');
      const assessment = await assessments.findById(attempt.assessmentId);
      if (!assessment) throw notFound('Assessment');
      const content = await contentFor(attempt, assessment);
      const checked = checkAnswers(content, answers);

      const at = now();
      const late = pastDeadline(attempt, at);
      if (late && assessment.lateSubmissions === 'REFUSE') {
        await expire(attempt);
        throw conflict('The time limit for this attempt has passed; the submission was refused.', 'attemptId');
      }
      const result = grade(content, checked);
      const graded = await attempts.updateWhere(
        attempt._id,
        { status: 'IN_PROGRESS' },
        {
          $set: {
            status: 'GRADED',
            submittedAt: at,
            late,
            answers: checked,
            score: result.score,
            maxScore: result.maxScore,
            percentage: result.percentage,
            passed: result.passed,
            results: result.results,
          },
        },
        attemptGraded(attempt, result.score, result.percentage, result.passed, at),
      );
      if (!graded) throw conflict('This attempt was already submitted or has expired.', 'attemptId');
      outbox.notify();
      return graded;
    },
  };
}
