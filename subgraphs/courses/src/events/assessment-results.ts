import { startEventConsumer, type BackgroundTask, type EventBus, type EventHandlers, type Logger, type Subscription } from '@skillgraph/platform';
import type { AssessmentDirectory } from '../data/assessment-directory';
import type { EnrollmentService } from '../services/enrollment-service';

/**
 * Reads `assessment.events` so that completion can depend on assessments without calling the
 * assessments subgraph: which assessments each course requires (created, updated, archived,
 * deleted) and each learner's graded attempts (ASSESSMENT_COMPLETED).
 *
 * Idempotent: the directory writes go through insertOnce/applyOnce; results are applied as a
 * maximum and a set member, which a redelivery cannot change. Events of one assessment arrive in
 * order (key = assessment id), so an assessment is known before its results.
 */
export const ASSESSMENT_RESULTS_GROUP = 'courses.assessment-results';

export function assessmentResultHandlers(directory: AssessmentDirectory, enrollments: EnrollmentService): EventHandlers {
  return {
    ASSESSMENT_CREATED: async (event) => {
      await directory.insertIfAbsent({ _id: event.assessment_id, courseId: event.course_id, required: event.required ?? false, active: true });
    },
    ASSESSMENT_UPDATED: async (event, { ref }) => {
      if ((await directory.applyOnce(event.assessment_id, ref, { required: event.required })) !== 'not-found') return;
      await directory.insertIfAbsent({ _id: event.assessment_id, courseId: event.course_id, required: event.required, active: true });
    },
    ASSESSMENT_ARCHIVED: async (event, { ref }) => {
      await directory.applyOnce(event.assessment_id, ref, { active: false });
    },
    ASSESSMENT_DELETED: async (event, { ref }) => {
      await directory.applyOnce(event.assessment_id, ref, { active: false });
    },
    ASSESSMENT_COMPLETED: async (event) => {
      await enrollments.applyAssessmentResult({
        userId: event.user_id,
        courseId: event.course_id,
        assessmentId: event.assessment_id,
        percentage: event.percentage,
        passed: event.passed,
      });
    },
  };
}

export interface AssessmentResultsConsumerOptions {
  bus: EventBus;
  directory: AssessmentDirectory;
  enrollments: EnrollmentService;
  logger?: Logger;
  maxAttempts?: number;
}

export function assessmentResultsConsumer({ bus, directory, enrollments, logger, maxAttempts }: AssessmentResultsConsumerOptions): BackgroundTask {
  let subscription: Subscription | undefined;
  return {
    name: ASSESSMENT_RESULTS_GROUP,
    async start() {
      subscription = await startEventConsumer({
        bus,
        groupId: ASSESSMENT_RESULTS_GROUP,
        fromBeginning: true,
        maxAttempts,
        logger,
        handlers: assessmentResultHandlers(directory, enrollments),
      });
    },
    async stop() {
      await subscription?.stop();
      subscription = undefined;
    },
  };
}
