import { createOutboxRelay, newId, openNedbStore, userViewer, type DocumentStore, type EventBus } from '@skillgraph/platform';
import type { GraphQLError } from 'graphql';
import { openCourseRepository, type CourseRepository } from '../src/data/course-repository';
import type { CourseRecord } from '../src/data/records';
import { createCourseService } from '../src/services/course-service';

// Races are hard to provoke through HTTP (nedb serialises operations), so these tests put another
// writer between the service's read and its write, deterministically.

const instructor = userViewer(newId(), 'INSTRUCTOR');
let store: DocumentStore;
let courses: CourseRepository;
let notified: number;
const outbox = { notify: () => void (notified += 1) };

// Only `backlog()` is used, which reads the documents; publishing here would be a test bug.
const unusedBus: EventBus = {
  kind: 'embedded',
  publish: () => Promise.reject(new Error('not expected to publish')),
  subscribe: () => Promise.reject(new Error('not expected to subscribe')),
  close: async () => undefined,
};
const stagedEvents = async (): Promise<number> => (await createOutboxRelay({ bus: unusedBus, sources: [courses.outboxSource] }).backlog()).count;

beforeEach(async () => {
  store = await openNedbStore();
  courses = await openCourseRepository(store);
  notified = 0;
});
afterEach(async () => store.close());

/** A repository whose reads return what was stored, after another writer has renamed the course `races` times. */
function racingRepository(races: number): CourseRepository {
  let remaining = races;
  return {
    ...courses,
    async findById(id: string): Promise<CourseRecord | null> {
      const stale = await courses.findById(id);
      if (stale && remaining > 0) {
        remaining -= 1;
        await courses.updateIfVersion(id, stale.version, { title: `Renamed ${races - remaining}` }, new Date(), []);
      }
      return stale;
    },
  };
}

async function seedCourse(): Promise<CourseRecord> {
  const service = createCourseService(courses, { outbox });
  return service.createCourse(instructor, { title: 'Original' });
}

it('re-reads and re-applies a change when another writer got in first, staging its event once', async () => {
  const course = await seedCourse();
  const service = createCourseService(racingRepository(2), { outbox });
  const saved = await service.addLesson(instructor, course._id, { title: 'Lesson', durationMinutes: 5 });
  // The two racing renames and the lesson all survive: nothing was overwritten.
  expect(saved.title).toBe('Renamed 2');
  expect(saved.lessons.map((lesson) => lesson.title)).toEqual(['Lesson']);
  expect(saved.version).toBe(3);
  // COURSE_CREATED and one LESSON_ADDED: the lost attempts staged nothing.
  expect(await stagedEvents()).toBe(2);
  expect(notified).toBe(2);
});

it('gives up with CONFLICT, writing nothing and staging nothing, when it keeps losing', async () => {
  const course = await seedCourse();
  const service = createCourseService(racingRepository(Number.POSITIVE_INFINITY), { outbox });
  const failure = await service.addLesson(instructor, course._id, { title: 'Lesson', durationMinutes: 5 }).catch((error: GraphQLError) => error);
  expect((failure as GraphQLError).extensions?.code).toBe('CONFLICT');
  expect((await courses.findById(course._id))?.lessons).toEqual([]);
  expect(await stagedEvents()).toBe(1);
  expect(notified).toBe(1);
});

it('writes nothing and announces nothing when an update sets the values a course already has', async () => {
  const course = await seedCourse();
  const service = createCourseService(courses, { outbox });
  const same = await service.updateCourse(instructor, course._id, { title: 'Original', description: '' });
  expect(same).toEqual(course);
  expect(await stagedEvents()).toBe(1);
  expect(notified).toBe(1);
});
