import { isId } from '@skillgraph/platform';
import type { LessonResolvers } from '../generated/resolvers-types';
import type { MediaAssetRecord } from '../data/records';
import { seeable } from './visibility';

export const Lesson: LessonResolvers = {
  // The courses subgraph decides whether the lesson may be seen; only its id is needed here.
  __resolveReference: ({ id }) => (isId(id) ? { id } : null),
  media: async (lesson, _args, context) => {
    const attached = await context.loaders.mediaByLessonId.load(lesson.id);
    const visible = await Promise.all(attached.map((asset) => seeable(asset, context)));
    return visible.filter((asset): asset is MediaAssetRecord => asset !== null);
  },
};
