import { isId } from '@skillgraph/platform';
import type { LessonResolvers } from '../generated/resolvers-types';
import type { MediaAssetRecord } from '../data/records';
import { seeableInVisibleCourse } from './visibility';

export const Lesson: LessonResolvers = {
  // The courses subgraph decides whether the lesson may be seen; only its id is needed here.
  __resolveReference: ({ id }) => (isId(id) ? { id } : null),
  media: async (lesson, _args, context) => {
    const attached = await context.loaders.mediaByLessonId.load(lesson.id);
    // Reached only through a lesson of a course the courses subgraph returned to this viewer.
    return attached.filter((asset): asset is MediaAssetRecord => seeableInVisibleCourse(asset, context) !== null);
  },
};
