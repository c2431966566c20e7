import { newId, openNedbStore, userViewer, type DocumentStore } from '@skillgraph/platform';
import type { GraphQLError } from 'graphql';
import { openCourseRepository, type CourseRepository } from '../src/data/course-repository';
import type { CourseRecord } from '../src/data/records';
import { createCourseService } from '../src/services/course-service';

// Races are hard to provoke through HTTP (nedb serialises operations), so these tests put another
// writer between the service's read and its write, deterministically.

const instructor = userViewer(newId(), 'INSTRUCTOR');
let store: DocumentStore;
let courses: CourseRepository;
beforeEach(async () => {
  store = await openNedbStore();
  courses = await openCourseRepository(store);
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
        await courses.updateIfVersion(id, stale.version, { title: `Renamed ${races - remaining}` }, new Date());
      }
      return stale;
    },
  };
}

async function seedCourse(): Promise<CourseRecord> {
  const service = createCourseService(courses);
  return service.createCourse(instructor, { title: 'Original' });
}

it('re-reads and re-applies a change when another writer got in first', async () => {
  const course = await seedCourse();
  const service = createCourseService(racingRepository(2));
  const saved = await service.addLesson(instructor, course._id, { title: 'Lesson', durationMinutes: 5 });
  // The two racing renames and the lesson all survive: nothing was overwritten.
  expect(saved.title).toBe('Renamed 2');
  expect(saved.lessons.map((lesson) => lesson.title)).toEqual(['Lesson']);
  expect(saved.version).toBe(3);
});

it('gives up with CONFLICT, writing nothing, when it keeps losing', async () => {
  const course = await seedCourse();
  const service = createCourseService(racingRepository(Number.POSITIVE_INFINITY));
  const failure = await service.addLesson(instructor, course._id, { title: 'Lesson', durationMinutes: 5 }).catch((error: GraphQLError) => error);
  expect((failure as GraphQLError).extensions?.code).toBe('CONFLICT');
  expect((await courses.findById(course._id))?.lessons).toEqual([]);
});
