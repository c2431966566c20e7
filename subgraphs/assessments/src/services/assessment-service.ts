import { newId, notFound, parseId, type Viewer } from '@skillgraph/platform';
import type { CreateAssessmentInput } from '../generated/resolvers-types';
import type { AssessmentRepository } from '../data/assessment-repository';
import type { CourseDirectory } from '../data/course-directory';
import type { AssessmentRecord } from '../data/records';
import { assessmentCreated } from '../events/assessment-events';
import { requireAuthor, requireSignedIn } from './assessment-access';
import { checkNewAssessment } from './assessment-input';

/** The writes the service commits; each one stages its events in the same document write. */
interface CreateAssessment {
  kind: 'create';
  assessment: AssessmentRecord;
}

export type AssessmentService = ReturnType<typeof createAssessmentService>;

export interface AssessmentServiceOptions {
  /** Nudged after every committed write, so its staged events go out now rather than at the next poll. */
  outbox: { notify(): void };
  now?: () => Date;
}

export function createAssessmentService(assessments: AssessmentRepository, courses: CourseDirectory, { outbox, now = () => new Date() }: AssessmentServiceOptions) {
  /** The one place assessments are written, each write with its events (outbox). */
  async function commit(write: CreateAssessment): Promise<AssessmentRecord> {
    const saved = await assessments.insert(write.assessment, assessmentCreated(write.assessment));
    outbox.notify();
    return saved;
  }

  return {
    async createAssessment(viewer: Viewer, input: CreateAssessmentInput): Promise<AssessmentRecord> {
      const author = requireSignedIn(viewer);
      const courseId = parseId(input.courseId, 'input.courseId');
      const course = await courses.get(courseId);
      if (!course) throw notFound('Course');
      requireAuthor(author, course);
      const draft = checkNewAssessment(input);
      return commit({ kind: 'create', assessment: { _id: newId(), courseId, ...draft, createdBy: author.id, createdAt: now() } });
    },
  };
}
