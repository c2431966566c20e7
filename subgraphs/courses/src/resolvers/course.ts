import { isId } from '@skillgraph/platform';
import type { CourseResolvers } from '../generated/resolvers-types';
import { lessonsOf } from '../data/lessons';
import { visibleOrNull } from '../services/course-access';
import { courseEnrollments, viewerEnrollment, visibleStats } from '../services/enrollment-reads';

export const Course: CourseResolvers = {
  // The same visibility rule as `Query.course`: another subgraph's reference is no way around it.
  __resolveReference: async ({ id }, { viewer, loaders }) => (isId(id) ? visibleOrNull(viewer, await loaders.courseById.load(id)) : null),
  id: (course) => course._id,
  instructor: (course) => ({ id: course.instructorId }),
  lessons: (course) => lessonsOf(course),
  status: (course) => (course.archived ? 'ARCHIVED' : course.published ? 'PUBLISHED' : 'DRAFT'),
  viewerEnrollment: (course, _args, context) => viewerEnrollment(course, context),
  enrollments: (course, args, context) => courseEnrollments(course, args, context),
  stats: (course, _args, context) => visibleStats(course, context),
};
