/**
 * A generated dataset of realistic size for the gateway benchmark and the operation-cost test,
 * written straight into the subgraphs' repositories (seconds, where going through the API would
 * take minutes and measure something else).
 *
 * Default size: 2,000 users (about 5% instructors, one admin), 500 published catalogue courses of
 * 10 lessons each, a READY cover per course and a READY file per lesson (5,000), two assessments
 * per course, three enrollments per student. On top, for cost growth, instructors teaching exactly
 * 1, 10, 100 and 1,000 courses (`listInstructors`), whose courses come after the catalogue's.
 */
import { newId, type Role } from '@skillgraph/platform';
import type { SeedTargets } from '@skillgraph/stack/src/seed';
import type { UserRecord } from '@skillgraph/users/src/data/records';
import type { CourseRecord, EnrollmentRecord, StoredLesson } from '@skillgraph/courses/src/data/records';
import type { AssessmentSeed, CourseViewRecord } from '@skillgraph/assessments/src/data/records';
import type { MediaAssetRecord } from '@skillgraph/media/src/data/records';
import { LIST_SIZES, type ListSize } from './workloads';

export interface DatasetSize {
  users: number;
  catalogueCourses: number;
  lessonsPerCourse: number;
  /** How many instructors teach exactly N courses, per list size. */
  listInstructorsPerSize: Record<ListSize, number>;
}

export const BENCH_DATASET_SIZE: DatasetSize = {
  users: 2000,
  catalogueCourses: 500,
  lessonsPerCourse: 10,
  listInstructorsPerSize: { 1: 10, 10: 5, 100: 2, 1000: 1 },
};

export interface GeneratedDataset {
  users: UserRecord[];
  courses: CourseRecord[];
  courseViews: CourseViewRecord[];
  assessments: AssessmentSeed[];
  media: MediaAssetRecord[];
  enrollments: EnrollmentRecord[];
  /** Published catalogue courses, in creation (= catalogue) order. */
  catalogueCourseIds: string[];
  /** Users who sign in for the authenticated workload: every student and catalogue instructor. */
  signedInUsers: { id: string; role: Role }[];
  listInstructors: Record<ListSize, string[]>;
}

/** Everything `loadDataset` writes to; the stack's repositories (`stack.repositories`) are these. */
export type DatasetTargets = SeedTargets & {
  courses: { enrollments: { insertMany(records: EnrollmentRecord[]): Promise<unknown> } };
};

const EPOCH = Date.parse('2026-01-01T00:00:00Z');
const at = (minutes: number): Date => new Date(EPOCH + minutes * 60_000);
const TOPICS = ['GraphQL', 'Statistics', 'Rust', 'Design', 'Databases', 'Networks', 'Typography', 'Calculus', 'Security', 'Compilers'];

function user(i: number, role: Role): UserRecord {
  const email = `${role.toLowerCase()}${i}@bench.skillgraph.dev`;
  // Never used to sign in: the benchmark issues tokens itself.
  return {
    _id: newId(),
    name: `${role === 'INSTRUCTOR' ? 'Instructor' : 'Learner'} ${i}`,
    email,
    emailKey: email,
    role,
    passwordHash: 'bench-no-password',
    createdAt: at(i),
    updatedAt: at(i),
  };
}

function course(i: number, instructorId: string, lessonCount: number): CourseRecord {
  const topic = TOPICS[i % TOPICS.length]!;
  const lessons: StoredLesson[] = Array.from({ length: lessonCount }, (_, l) => ({
    _id: newId(),
    title: `${topic} ${i}, part ${l + 1}`,
    position: l + 1,
    durationMinutes: 5 + ((i + l) % 40),
  }));
  const created = at(10_000 + i);
  return {
    _id: newId(),
    title: `${topic} in practice, volume ${i}`,
    description: `Course ${i}: a hands-on tour of ${topic.toLowerCase()} with exercises after every lesson.`,
    instructorId,
    published: true,
    lessons,
    version: 1,
    createdAt: created,
    updatedAt: created,
  };
}

function assessment(courseRecord: CourseRecord, n: number): AssessmentSeed {
  const question = (q: number) => ({
    _id: newId(),
    prompt: `Question ${q + 1} of ${courseRecord.title}`,
    points: 1,
    choices: [0, 1, 2].map((c) => ({ _id: newId(), text: `Answer ${c + 1}`, correct: c === q % 3 })),
  });
  return {
    _id: newId(),
    courseId: courseRecord._id,
    title: n === 0 ? `Checkpoint: ${courseRecord.title}` : `Final: ${courseRecord.title}`,
    passingPercentage: 60,
    questions: [0, 1, 2, 3].map(question),
    final: n === 1,
    createdBy: courseRecord.instructorId,
    createdAt: courseRecord.createdAt,
  };
}

let blobSequence = 0;

/** A READY, scanned asset with stored bytes (so it gets a signed URL); the bytes themselves are never fetched. */
function asset(
  ownerId: string,
  fields: Pick<MediaAssetRecord, 'kind' | 'filename' | 'contentType' | 'size'>,
  attachedTo: MediaAssetRecord['attachedTo'],
  createdAt: Date,
): MediaAssetRecord {
  const sha256 = (blobSequence += 1).toString(16).padStart(64, '0');
  return {
    _id: newId(),
    status: 'READY',
    ownerId,
    createdAt,
    ...fields,
    blobKey: `blobs/${sha256}`,
    sha256,
    scan: { verdict: 'CLEAN', at: createdAt },
    ...(attachedTo ? { attachedTo } : {}),
  };
}

function courseMedia(courseRecord: CourseRecord, i: number): MediaAssetRecord[] {
  const when = courseRecord.createdAt;
  const cover = asset(
    courseRecord.instructorId,
    { kind: 'IMAGE', filename: `cover-${i}.webp`, contentType: 'image/webp', size: 40_000 + i },
    { kind: 'COURSE_COVER', courseId: courseRecord._id, attachedAt: when },
    when,
  );
  const lessonFiles = courseRecord.lessons.map((lesson, l) =>
    asset(
      courseRecord.instructorId,
      l % 3 === 2
        ? { kind: 'DOCUMENT', filename: `notes-${i}-${l + 1}.pdf`, contentType: 'application/pdf', size: 200_000 + l }
        : { kind: 'VIDEO', filename: `lesson-${i}-${l + 1}.mp4`, contentType: 'video/mp4', size: 50_000_000 + l },
      { kind: 'LESSON', lessonId: lesson._id, courseId: courseRecord._id, attachedAt: when },
      when,
    ),
  );
  return [cover, ...lessonFiles];
}

function enrollment(userId: string, courseRecord: CourseRecord, n: number): EnrollmentRecord {
  const status = n % 5 === 4 ? 'COMPLETED' : 'ACTIVE';
  const enrolledAt = at(20_000 + n);
  return {
    _id: newId(),
    userId,
    courseId: courseRecord._id,
    status,
    enrolledAt,
    completedAt: status === 'COMPLETED' ? at(30_000 + n) : null,
    cancelledAt: null,
    lessons: {},
    lastLessonId: null,
    lastPosition: null,
    bestPercentages: {},
    passedAssessmentIds: [],
  };
}

/** Builds the records in memory; ids are fresh on every call. */
export function generateDataset(size: DatasetSize = BENCH_DATASET_SIZE): GeneratedDataset {
  const instructorCount = Math.max(1, Math.round(size.users * 0.05));
  const users: UserRecord[] = [user(0, 'ADMIN')];
  for (let i = 1; i < size.users; i += 1) users.push(user(i, i <= instructorCount ? 'INSTRUCTOR' : 'STUDENT'));
  const instructors = users.filter((u) => u.role === 'INSTRUCTOR');
  const students = users.filter((u) => u.role === 'STUDENT');

  const catalogue = Array.from({ length: size.catalogueCourses }, (_, i) => course(i, instructors[i % instructors.length]!._id, size.lessonsPerCourse));
  const listInstructors = {} as Record<ListSize, string[]>;
  const listCourses: CourseRecord[] = [];
  for (const listSize of LIST_SIZES) {
    listInstructors[listSize] = [];
    for (let k = 0; k < size.listInstructorsPerSize[listSize]; k += 1) {
      const teacher = user(users.length, 'INSTRUCTOR');
      users.push(teacher);
      listInstructors[listSize].push(teacher._id);
      // Lessons are not part of the list shape; two keep the records believable.
      for (let c = 0; c < listSize; c += 1) listCourses.push(course(size.catalogueCourses + listCourses.length, teacher._id, 2));
    }
  }
  const courses = [...catalogue, ...listCourses];
  const enrollments = students.flatMap((student, s) =>
    [0, 1, 2].map((n) => enrollment(student._id, catalogue[(s * 7 + n * 131) % catalogue.length]!, s * 3 + n)),
  );
  return {
    users,
    courses,
    courseViews: courses.map((c) => ({ _id: c._id, instructorId: c.instructorId, title: c.title, published: c.published })),
    assessments: courses.flatMap((c) => [assessment(c, 0), assessment(c, 1)]),
    media: courses.flatMap((c, i) => courseMedia(c, i)),
    enrollments,
    catalogueCourseIds: catalogue.map((c) => c._id),
    signedInUsers: [...students, ...instructors].map((u) => ({ id: u._id, role: u.role })),
    listInstructors,
  };
}

const inChunks = async <T>(records: T[], write: (chunk: T[]) => Promise<unknown>, size = 1000): Promise<void> => {
  for (let start = 0; start < records.length; start += size) await write(records.slice(start, start + size));
};

/** Writes the dataset into the repositories; the projections (course directories) as the events would. */
export async function loadDataset(targets: DatasetTargets, dataset: GeneratedDataset): Promise<void> {
  await inChunks(dataset.users, (chunk) => targets.users.users.insertMany(chunk));
  await inChunks(dataset.courses, (chunk) => targets.courses.courses.insertMany(chunk));
  await inChunks(dataset.enrollments, (chunk) => targets.courses.enrollments.insertMany(chunk));
  const lessonIds = new Map(dataset.courses.map((c) => [c._id, c.lessons.map((lesson) => lesson._id)]));
  for (const view of dataset.courseViews) {
    await targets.assessments.courseDirectory.upsert(view);
    await targets.media.courseDirectory.upsert({ ...view, lessonIds: lessonIds.get(view._id) ?? [] });
  }
  await inChunks(dataset.assessments, (chunk) => targets.assessments.assessments.insertMany(chunk));
  await inChunks(dataset.media, (chunk) => targets.media.assets.insertMany(chunk));
}
