import { isId, notFound } from '@skillgraph/platform';
import type { EnrollmentResolvers } from '../generated/resolvers-types';
import type { Context } from '../context';
import type { CourseRecord, EnrollmentRecord } from '../data/records';
import { visibleEnrollment } from '../services/enrollment-reads';
import { lessonProgressList, summarizeProgress } from '../services/progress';

// The viewer may see the enrollment, so they may see the course it is in, even if it left the catalogue since.
async function courseOf(enrollment: EnrollmentRecord, { loaders }: Context): Promise<CourseRecord> {
  const course = await loaders.courseById.load(enrollment.courseId);
  if (!course) throw notFound('Course');
  return course;
}

export const Enrollment: EnrollmentResolvers = {
  // The same rule as `Query.enrollment`: learner, the course's instructor, admins.
  __resolveReference: ({ id }, context) => (isId(id) ? visibleEnrollment(id, context) : null),
  id: (enrollment) => enrollment._id,
  user: (enrollment) => ({ id: enrollment.userId }),
  course: (enrollment, _args, context) => courseOf(enrollment, context),
  progress: async (enrollment, _args, context) => summarizeProgress(enrollment, await courseOf(enrollment, context)),
  lessonProgress: async (enrollment, _args, context) => lessonProgressList(enrollment, await courseOf(enrollment, context)),
};
