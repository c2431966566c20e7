import { newId, notFound, parseId, type Viewer } from '@skillgraph/platform';
import type { CreateAssessmentInput } from '../generated/resolvers-types';
import type { AssessmentRepository } from '../data/assessment-repository';
import type { CourseDirectory } from '../data/course-directory';
import type { AssessmentRecord } from '../data/records';
import { requireAuthor, requireSignedIn } from './assessment-access';
import { checkNewAssessment } from './assessment-input';

/** The writes the service commits; the outbox's events will be appended to exactly these. */
interface CreateAssessment {
  kind: 'create';
  assessment: AssessmentRecord;
}

export type AssessmentService = ReturnType<typeof createAssessmentService>;

export function createAssessmentService(assessments: AssessmentRepository, courses: CourseDirectory, now: () => Date = () => new Date()) {
  /** The one place assessments are written. */
  function commit(write: CreateAssessment): Promise<AssessmentRecord> {
    return assessments.insert(write.assessment);
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
