import { badUserInput, conflict, newId, notFound, parseId, type Viewer } from '@skillgraph/platform';
import type { CreateAssessmentInput, UpdateAssessmentInput } from '../generated/resolvers-types';
import type { AssessmentChanges, AssessmentRepository } from '../data/assessment-repository';
import type { AttemptRepository } from '../data/attempt-repository';
import type { CourseDirectory } from '../data/course-directory';
import type { CourseSettingsRepository } from '../data/course-settings-repository';
import type { AssessmentRecord, CertificatePolicy, CourseViewRecord } from '../data/records';
import { assessmentChanged, assessmentCreated, certificatePolicyChanged } from '../events/assessment-events';
import { requireAuthor, requireSignedIn } from './assessment-access';
import { checkAssessmentChanges, checkNewAssessment } from './assessment-input';

/** The fields whose change makes a new version: what grading reads. */
const GRADED_FIELDS = ['questions', 'passingPercentage'] as const;

export type AssessmentService = ReturnType<typeof createAssessmentService>;

export interface AssessmentServiceOptions {
  /** Nudged after every committed write, so its staged events go out now rather than at the next poll. */
  outbox: { notify(): void };
  now?: () => Date;
}

export interface AssessmentSources {
  assessments: AssessmentRepository;
  courses: CourseDirectory;
  attempts: AttemptRepository;
  settings: CourseSettingsRepository;
}

export function createAssessmentService({ assessments, courses, attempts, settings }: AssessmentSources, { outbox, now = () => new Date() }: AssessmentServiceOptions) {
  /** Loads an assessment the viewer may author; deleted ones are gone. */
  async function authored(viewer: Viewer, rawId: string): Promise<AssessmentRecord> {
    const author = requireSignedIn(viewer);
    const assessment = await assessments.findById(parseId(rawId, 'id'));
    if (!assessment || assessment.status === 'DELETED') throw notFound('Assessment');
    const course = await courses.get(assessment.courseId);
    if (!course) throw notFound('Course');
    requireAuthor(author, course);
    return assessment;
  }

  /**
   * Writes `changes` with their event. A change to what grading reads keeps the current version's
   * content aside first and bumps the version, so attempts started on it are graded as they began.
   */
  async function commitChange(before: AssessmentRecord, changes: AssessmentChanges): Promise<AssessmentRecord> {
    const changed = (Object.keys(changes) as (keyof AssessmentChanges)[]).filter((field) => JSON.stringify(changes[field]) !== JSON.stringify(before[field]));
    if (changed.length === 0) return before;
    const at = now();
    const regraded = changed.some((field) => (GRADED_FIELDS as readonly string[]).includes(field));
    if (regraded) await assessments.keepVersion(before, at);
    const nextVersion = regraded ? before.version + 1 : before.version;
    const after: AssessmentRecord = { ...before, ...changes, version: nextVersion, updatedAt: at };
    const events = assessmentChanged(before, after, changed.filter((field) => field !== 'status'), at);
    const saved = await assessments.updateIfUnchanged(before, changes, at, nextVersion, events);
    if (!saved) throw conflict('The assessment changed while saving; reload it and try again.', 'id');
    outbox.notify();
    return saved;
  }

  return {
    /** What earns the course's certificate; for the course's instructor and admins. */
    async setCertificatePolicy(viewer: Viewer, rawCourseId: string, policy: CertificatePolicy): Promise<CourseViewRecord> {
      const author = requireSignedIn(viewer);
      const course = await courses.get(parseId(rawCourseId, 'courseId'));
      if (!course) throw notFound('Course');
      requireAuthor(author, course);
      // Choosing the policy the course already has changes nothing and announces nothing.
      if ((await settings.policyOf(course._id)) === policy) return course;
      const at = now();
      await settings.setPolicy(course._id, policy, author.id, at, [certificatePolicyChanged(course._id, policy, author.id, at)]);
      outbox.notify();
      return course;
    },

    async createAssessment(viewer: Viewer, input: CreateAssessmentInput): Promise<AssessmentRecord> {
      const author = requireSignedIn(viewer);
      const courseId = parseId(input.courseId, 'input.courseId');
      const course = await courses.get(courseId);
      if (!course) throw notFound('Course');
      requireAuthor(author, course);
      const draft = checkNewAssessment(input);
      const at = now();
      const assessment: AssessmentRecord = { _id: newId(), courseId, ...draft, version: 1, status: 'ACTIVE', createdBy: author.id, createdAt: at, updatedAt: at };
      const saved = await assessments.insert(assessment, assessmentCreated(assessment));
      outbox.notify();
      return saved;
    },

    async updateAssessment(viewer: Viewer, id: string, input: UpdateAssessmentInput): Promise<AssessmentRecord> {
      const before = await authored(viewer, id);
      if (before.status === 'ARCHIVED') throw badUserInput('An archived assessment cannot be edited.', 'id');
      return commitChange(before, checkAssessmentChanges(input));
    },

    /** No new attempts from now on; attempts, results and certificates stay. */
    async archiveAssessment(viewer: Viewer, id: string): Promise<AssessmentRecord> {
      const before = await authored(viewer, id);
      return before.status === 'ARCHIVED' ? before : commitChange(before, { status: 'ARCHIVED' });
    },

    /** Deletes an assessment nobody attempted; once attempts exist, archive it instead. */
    async deleteAssessment(viewer: Viewer, id: string): Promise<AssessmentRecord> {
      const before = await authored(viewer, id);
      if ((await attempts.countFor(before._id)) > 0) {
        throw badUserInput('This assessment has attempts, so it cannot be deleted; archive it instead.', 'id');
      }
      return commitChange(before, { status: 'DELETED' });
    },
  };
}
