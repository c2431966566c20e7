import { parseId } from '@skillgraph/platform';
import type { QueryResolvers } from '../generated/resolvers-types';
import { catalogueScope, visibleOrNull } from '../services/course-access';
import { checkCourseFilter } from '../services/course-input';
import { visibleEnrollment } from '../services/enrollment-reads';

export const Query: QueryResolvers = {
  course: async (_parent, { id }, { viewer, loaders }) => visibleOrNull(viewer, await loaders.courseById.load(parseId(id))),
  courses: async (_parent, { first, after, filter }, { viewer, courses, loaders }) => {
    const page = await courses.list({ ...checkCourseFilter(filter), scope: catalogueScope(viewer) }, { first, after });
    // `Lesson.course` under this page then finds its course in the loader instead of the database.
    page.edges.forEach(({ node }) => loaders.courseById.prime(node._id, node));
    return page;
  },
  enrollment: (_parent, { id }, context) => visibleEnrollment(parseId(id), context),
};
