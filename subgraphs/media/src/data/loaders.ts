import DataLoader from 'dataloader';
import { loaderById, groupBy } from '@skillgraph/platform';
import type { CourseDirectory } from './course-directory';
import type { MediaAssetRepository } from './media-asset-repository';
import type { CourseViewRecord, MediaAssetRecord } from './records';

export interface MediaLoaders {
  assetById: DataLoader<string, MediaAssetRecord | null>;
  /** Each course's newest usable cover, or null. */
  coverByCourseId: DataLoader<string, MediaAssetRecord | null>;
  /** Each lesson's attached media, in attach order. */
  mediaByLessonId: DataLoader<string, MediaAssetRecord[]>;
  /** The course projection, for access checks on attached media. */
  courseById: DataLoader<string, CourseViewRecord | null>;
}

const courseOf = (asset: MediaAssetRecord) => (asset.attachedTo?.kind === 'COURSE_COVER' ? asset.attachedTo.courseId : undefined);
const lessonOf = (asset: MediaAssetRecord) => (asset.attachedTo?.kind === 'LESSON' ? asset.attachedTo.lessonId : undefined);

/** Per-request loaders: every key asked for in one tick becomes one database query. */
export function createMediaLoaders(repository: MediaAssetRepository, courses: CourseDirectory): MediaLoaders {
  const assetById = loaderById(repository.findByIds);
  const remember = (assets: MediaAssetRecord[]): void => assets.forEach((asset) => assetById.prime(asset._id, asset));

  return {
    assetById,
    coverByCourseId: new DataLoader(async (courseIds) => {
      const covers = await repository.findCoversOfCourses(courseIds);
      remember(covers);
      // Newest first, so each course's first cover is the one to show.
      const byCourse = groupBy(covers, courseOf);
      return courseIds.map((id) => byCourse.get(id)?.[0] ?? null);
    }),
    mediaByLessonId: new DataLoader(async (lessonIds) => {
      const attached = await repository.findAttachedToLessons(lessonIds);
      remember(attached);
      const byLesson = groupBy(attached, lessonOf);
      return lessonIds.map((id) => byLesson.get(id) ?? []);
    }),
    courseById: loaderById(courses.getMany),
  };
}
