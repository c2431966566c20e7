import { isId } from '@skillgraph/platform';
import type { LessonResolvers } from '../generated/resolvers-types';

export const Lesson: LessonResolvers = {
  // The courses subgraph decides whether the lesson may be seen; only its id is needed here.
  __resolveReference: ({ id }) => (isId(id) ? { id } : null),
  media: (lesson, _args, { loaders }) => loaders.mediaByLessonId.load(lesson.id),
};
