import { badUserInput, checkInteger, newId, notFound, parseId, type Filter, type Viewer } from '@skillgraph/platform';
import type { CourseRepository } from '../data/course-repository';
import type { AssessmentDirectory } from '../data/assessment-directory';
import { isDuplicate, type EnrollmentRepository } from '../data/enrollment-repository';
import type { CourseRecord, EnrollmentRecord } from '../data/records';
import { courseCompleted, courseEnrolled, courseUnenrolled, lessonCompleted } from '../events/enrollment-events';
import { canView, requireSignedIn } from './course-access';
import { isCourseDone } from './progress';

/** Longest position a progress report may carry: 24 hours, far past any lesson. */
const MAX_POSITION_SECONDS = 86_400;
/** A cancelled enrollment records no progress. */
const PROGRESSING: Filter = { status: { $in: ['ACTIVE', 'COMPLETED'] } };

export interface ProgressInput {
  positionSeconds: number;
  completed?: boolean | null;
}

export interface AssessmentResult {
  userId: string;
  courseId: string;
  assessmentId: string;
  percentage: number;
  passed: boolean;
}

export type EnrollmentService = ReturnType<typeof createEnrollmentService>;

export interface EnrollmentServiceOptions {
  outbox: { notify(): void };
  now?: () => Date;
}

/**
 * Enrollment and progress. Every rule that must hold under concurrency is a conditional
 * single-document write: the unique (user, course) index makes enrolling idempotent, "completed is
 * not yet true" makes LESSON_COMPLETED happen once, "status is ACTIVE" makes COURSE_COMPLETED happen
 * once, and "watched is less than this" keeps watch time monotonic. No read-modify-write races.
 */
export function createEnrollmentService(
  courses: CourseRepository,
  enrollments: EnrollmentRepository,
  assessments: AssessmentDirectory,
  { outbox, now = () => new Date() }: EnrollmentServiceOptions,
) {
  // Unknown ids in the learning loop's arguments are bad input naming the argument; an id the
  // viewer may not see gets the very same answer, so it confirms nothing.
  async function visibleCourse(viewer: Viewer, rawId: string, field: string): Promise<CourseRecord> {
    const course = await courses.findById(parseId(rawId, field));
    if (!course || !canView(viewer, course)) throw badUserInput('No course you can see has this id.', field);
    return course;
  }

  /** Completes the enrollment when everything is done; the status condition makes it happen once. */
  async function completeIfDone(enrollment: EnrollmentRecord): Promise<EnrollmentRecord> {
    if (enrollment.status !== 'ACTIVE') return enrollment;
    const course = await courses.findById(enrollment.courseId);
    if (!course) return enrollment;
    const required = (await assessments.activeByCourseIds([course._id])).filter((view) => view.required).map((view) => view._id);
    if (!isCourseDone(enrollment, course, required)) return enrollment;
    const at = now();
    const completed = await enrollments.updateWhere(enrollment._id, { status: 'ACTIVE' }, { $set: { status: 'COMPLETED', completedAt: at } }, [
      courseCompleted(enrollment, course, at),
    ]);
    if (completed) outbox.notify();
    return completed ?? (await enrollments.findById(enrollment._id)) ?? enrollment;
  }

  return {
    /** Idempotent: enrolling again returns the same enrollment and publishes nothing. */
    async enroll(viewer: Viewer, courseId: string): Promise<EnrollmentRecord> {
      const user = requireSignedIn(viewer);
      const course = await visibleCourse(viewer, courseId, 'courseId');
      const existing = await enrollments.findOne(user.id, course._id);
      if (existing && existing.status !== 'CANCELLED') return existing;
      if (!course.published || course.archived) throw badUserInput('Only published courses accept enrollments.', 'courseId');
      const at = now();
      if (existing) {
        // Re-enrolling after leaving: the same enrollment, progress kept, active again.
        const back = await enrollments.updateWhere(existing._id, { status: 'CANCELLED' }, { $set: { status: 'ACTIVE', cancelledAt: null } }, [courseEnrolled(user.id, course, at)]);
        if (back) outbox.notify();
        return back ?? (await enrollments.findOne(user.id, course._id))!;
      }
      const record: EnrollmentRecord = {
        _id: newId(),
        userId: user.id,
        courseId: course._id,
        status: 'ACTIVE',
        enrolledAt: at,
        completedAt: null,
        cancelledAt: null,
        lessons: {},
        lastLessonId: null,
        lastPosition: null,
        bestPercentages: {},
        passedAssessmentIds: [],
      };
      try {
        const saved = await enrollments.insert(record, [courseEnrolled(user.id, course, at)]);
        outbox.notify();
        return saved;
      } catch (error) {
        // A concurrent enroll of the same person won: theirs is the enrollment, with the one event.
        if (!isDuplicate(error)) throw error;
        return (await enrollments.findOne(user.id, course._id))!;
      }
    },

    /** Leaves a course; the enrollment and its progress stay, as CANCELLED. */
    async unenroll(viewer: Viewer, courseId: string): Promise<EnrollmentRecord> {
      const user = requireSignedIn(viewer);
      const id = parseId(courseId, 'courseId');
      const existing = await enrollments.findOne(user.id, id);
      if (!existing) throw badUserInput('You are not enrolled in this course.', 'courseId');
      if (existing.status === 'CANCELLED') return existing;
      if (existing.status === 'COMPLETED') throw badUserInput('A completed course stays in your history and cannot be left.', 'courseId');
      const course = await courses.findById(id);
      if (!course) throw notFound('Course');
      const at = now();
      const left = await enrollments.updateWhere(existing._id, { status: 'ACTIVE' }, { $set: { status: 'CANCELLED', cancelledAt: at } }, [courseUnenrolled(existing, course, at)]);
      if (left) outbox.notify();
      return left ?? (await enrollments.findById(existing._id))!;
    },

    /**
     * Records where a learner is in a lesson. Position is last-report-wins (resume), watch time
     * only grows, completion only ever turns on; each is its own conditional write, so any number
     * of concurrent or late reports converge on the same state.
     */
    async recordLessonProgress(viewer: Viewer, rawLessonId: string, input: ProgressInput): Promise<EnrollmentRecord> {
      const user = requireSignedIn(viewer);
      const lessonId = parseId(rawLessonId, 'lessonId');
      const position = checkInteger(input.positionSeconds, 'input.positionSeconds', 'Position', { min: 0, max: MAX_POSITION_SECONDS });
      const [course] = await courses.findByLessonIds([lessonId]);
      if (!course) throw badUserInput('No lesson has this id.', 'lessonId');
      // An enrolled learner keeps going when the course leaves the catalogue; anyone else must see it.
      const enrollment = await enrollments.findOne(user.id, course._id);
      if (!enrollment || enrollment.status === 'CANCELLED') {
        if (!canView(viewer, course)) throw badUserInput('No lesson has this id.', 'lessonId');
        throw badUserInput('Enroll in the course before recording progress.', 'lessonId');
      }

      const at = now();
      const path = `lessons.${lessonId}`;
      await enrollments.updateWhere(enrollment._id, PROGRESSING, {
        $set: { [`${path}.positionSeconds`]: position, [`${path}.updatedAt`]: at, lastLessonId: lessonId, lastPosition: position },
      });
      await enrollments.updateWhere(
        enrollment._id,
        { $or: [{ [`${path}.watchedSeconds`]: { $exists: false } }, { [`${path}.watchedSeconds`]: { $lt: position } }] },
        { $set: { [`${path}.watchedSeconds`]: position } },
      );
      if (input.completed === true) {
        const done = await enrollments.updateWhere(
          enrollment._id,
          { [`${path}.completed`]: { $ne: true } },
          { $set: { [`${path}.completed`]: true, [`${path}.completedAt`]: at } },
          [lessonCompleted(enrollment, lessonId, at)],
        );
        if (done) {
          outbox.notify();
          return completeIfDone(done);
        }
      }
      return (await enrollments.findById(enrollment._id))!;
    },

    /**
     * Applies a graded attempt (from ASSESSMENT_COMPLETED): keeps the best percentage, remembers a
     * pass, and completes the course when that was the last thing missing. Each write is
     * idempotent by nature (a maximum, a set member), so redelivery changes nothing.
     */
    async applyAssessmentResult(result: AssessmentResult): Promise<'applied' | 'no-enrollment'> {
      const enrollment = await enrollments.findOne(result.userId, result.courseId);
      if (!enrollment) return 'no-enrollment';
      const path = `bestPercentages.${result.assessmentId}`;
      await enrollments.updateWhere(enrollment._id, { $or: [{ [path]: { $exists: false } }, { [path]: { $lt: result.percentage } }] }, { $set: { [path]: result.percentage } });
      if (result.passed) {
        const updated = await enrollments.updateWhere(enrollment._id, {}, { $addToSet: { passedAssessmentIds: result.assessmentId } });
        if (updated) await completeIfDone(updated);
      }
      return 'applied';
    },

    completeIfDone,
  };
}
