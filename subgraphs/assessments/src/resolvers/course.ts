import { isId } from '@skillgraph/platform';
import type { CourseResolvers } from '../generated/resolvers-types';
import { canView } from '../services/assessment-access';

export const Course: CourseResolvers = {
  // Nothing about the course is needed to start; `assessments` checks visibility itself.
  __resolveReference: ({ id }) => (isId(id) ? { id } : null),
  assessments: async (course, _args, { viewer, loaders }) => {
    // Requested together, so a batch of courses costs one query on each collection.
    const [view, assessments] = await Promise.all([loaders.courseById.load(course.id), loaders.assessmentsByCourseId.load(course.id)]);
    return canView(viewer, view) ? assessments : [];
  },
  certificatePolicy: async (course, _args, { loaders }) => (await loaders.courseSettingsById.load(course.id))?.certificatePolicy ?? 'FINAL_ASSESSMENT',
};
