import { hashPassword, type DocumentStore } from '@skillgraph/platform';
import { openUserRepository } from '@skillgraph/users/src/data/user-repository';
import { openCourseRepository } from '@skillgraph/courses/src/data/course-repository';
import { openAssessmentRepository } from '@skillgraph/assessments/src/data/assessment-repository';
import { openCourseDirectory } from '@skillgraph/assessments/src/data/course-directory';
import { openMediaAssetRepository } from '@skillgraph/media/src/data/media-asset-repository';
import type { UserRecord } from '@skillgraph/users/src/data/records';
import type { CourseRecord } from '@skillgraph/courses/src/data/records';
import type { AssessmentSeed, CourseViewRecord } from '@skillgraph/assessments/src/data/records';
import type { MediaAssetRecord, CourseViewRecord as MediaCourseViewRecord } from '@skillgraph/media/src/data/records';
import { openCourseDirectory as openMediaCourseDirectory } from '@skillgraph/media/src/data/course-directory';
import { openRecipientDirectory } from '@skillgraph/notifications/src/data/recipient-directory';
import type { RecipientRecord } from '@skillgraph/notifications/src/data/records';
import { DEMO_PASSWORD, demoDataset } from './demo-dataset';

/** Where the demo data goes: the repositories each subgraph's build returns. */
export interface SeedTargets {
  users: { users: { count(): Promise<number>; insertMany(records: UserRecord[]): Promise<unknown> } };
  courses: { courses: { insertMany(records: CourseRecord[]): Promise<unknown> } };
  assessments: {
    assessments: { insertMany(records: AssessmentSeed[]): Promise<unknown> };
    courseDirectory: { upsert(view: CourseViewRecord): Promise<void> };
  };
  media: {
    assets: { insertMany(records: MediaAssetRecord[]): Promise<unknown> };
    /** The media subgraph's own course projection (access to course media). */
    courseDirectory: { upsert(view: MediaCourseViewRecord): Promise<void> };
  };
  /** Demo users appear without USER_REGISTERED, so the mailer learns their addresses here. */
  notifications?: { recipients: { insertIfAbsent(recipient: RecipientRecord): Promise<unknown> } };
}

/**
 * Loads the demo dataset. With `onlyIfEmpty`, a store that already has users is left alone, so a
 * restart never duplicates or overwrites anyone's data. Returns whether anything was loaded.
 */
export async function loadDemoData(targets: SeedTargets, { onlyIfEmpty }: { onlyIfEmpty: boolean }): Promise<boolean> {
  if (onlyIfEmpty && (await targets.users.users.count()) > 0) return false;
  const dataset = demoDataset();
  const users = await Promise.all(dataset.users.map(async (user) => ({ ...user, passwordHash: await hashPassword(DEMO_PASSWORD) })));
  await targets.users.users.insertMany(users);
  for (const user of users) await targets.notifications?.recipients.insertIfAbsent({ _id: user._id, email: user.emailKey, name: user.name, role: user.role });
  await targets.courses.courses.insertMany(dataset.courses);
  for (const view of dataset.courseViews) await targets.assessments.courseDirectory.upsert(view);
  await targets.assessments.assessments.insertMany(dataset.assessments);
  for (const view of dataset.courseViews) {
    const lessonIds = dataset.courses.find((course) => course._id === view._id)?.lessons.map((lesson) => lesson._id) ?? [];
    await targets.media.courseDirectory.upsert({ ...view, lessonIds });
  }
  await targets.media.assets.insertMany(dataset.media);
  return true;
}

/** Opens the repositories the demo data goes into, straight on the stores (no servers needed). */
export async function openSeedTargets(
  stores: Record<'users' | 'courses' | 'assessments' | 'media', DocumentStore> & { notifications?: DocumentStore },
): Promise<SeedTargets> {
  return {
    users: { users: await openUserRepository(stores.users) },
    courses: { courses: await openCourseRepository(stores.courses) },
    assessments: { assessments: await openAssessmentRepository(stores.assessments), courseDirectory: await openCourseDirectory(stores.assessments) },
    media: { assets: await openMediaAssetRepository(stores.media), courseDirectory: await openMediaCourseDirectory(stores.media) },
    ...(stores.notifications ? { notifications: { recipients: await openRecipientDirectory(stores.notifications) } } : {}),
  };
}
