import { ANONYMOUS, newId, type Viewer } from '@skillgraph/platform';
import type { CourseRecord } from '../src/data/records';
import { idOf, person, startCoursesSubgraph, type CoursesHarness } from './harness';
import { addLesson, createCourse, publishedCourse, type CourseView } from './operations';

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Course { id title published instructor { id } lessons { id position } }
    ... on Lesson { id title position course { id title } }
    ... on User { id coursesTaught { id title } }
  }
}`;

type Entity = Record<string, unknown> | null;

const instructor = person('INSTRUCTOR');
const student = person('STUDENT');
const admin = person('ADMIN');

let h: CoursesHarness;
let published: CourseView;
let draft: CourseView;
beforeAll(async () => {
  h = await startCoursesSubgraph();
  published = await publishedCourse(h, instructor, 'Open Course');
  draft = await createCourse(h, instructor, 'Draft Course');
  await addLesson(h, instructor, draft.id, 'Draft lesson');
});
afterAll(async () => h.stop());

async function entities(representations: Record<string, unknown>[], viewer: Viewer = ANONYMOUS): Promise<Entity[]> {
  const response = await h.gql<{ _entities: Entity[] }>(ENTITIES, { representations }, viewer);
  expect(response.errors).toBeUndefined();
  return response.data!._entities;
}

/** Courses written straight to the store, each with two lessons, all published. */
async function seedCourses(count: number, instructorId = newId()): Promise<CourseRecord[]> {
  const at = new Date();
  const records: CourseRecord[] = Array.from({ length: count }, (_, index) => ({
    _id: newId(),
    title: `Seeded ${index}`,
    description: '',
    instructorId,
    published: true,
    lessons: [1, 2].map((position) => ({ _id: newId(), title: `Lesson ${position}`, position, durationMinutes: 5 })),
    version: 0,
    createdAt: at,
    updatedAt: at,
  }));
  return h.courses.insertMany(records);
}

describe('_entities', () => {
  it('resolves courses, hiding drafts from people who may not see them', async () => {
    const reps = [published.id, draft.id, newId(), 'malformed'].map((id) => ({ __typename: 'Course', id }));
    const [open, hidden, unknown, malformed] = await entities(reps, student);
    expect(open).toMatchObject({ id: published.id, title: 'Open Course', instructor: { id: idOf(instructor) } });
    expect([hidden, unknown, malformed]).toEqual([null, null, null]);
    const asOwner = await entities(reps.slice(0, 2), instructor);
    expect(asOwner.map((course) => course?.id)).toEqual([published.id, draft.id]);
    expect((await entities(reps.slice(1, 2), admin))[0]?.id).toBe(draft.id);
  });

  it('resolves lessons with their course, under the same visibility rule', async () => {
    const reps = [published.lessons[0]!.id, newId()].map((id) => ({ __typename: 'Lesson', id }));
    const [lesson, unknown] = await entities(reps, ANONYMOUS);
    expect(lesson).toEqual({ id: published.lessons[0]!.id, title: 'Intro', position: 1, course: { id: published.id, title: 'Open Course' } });
    expect(unknown).toBeNull();

    const draftCourse = await h.courses.findById(draft.id);
    const draftLesson = { __typename: 'Lesson', id: draftCourse!.lessons[0]!._id };
    expect(await entities([draftLesson], student)).toEqual([null]);
    expect((await entities([draftLesson], instructor))[0]).toMatchObject({ title: 'Draft lesson', course: { id: draft.id } });
  });

  it("resolves a user's taught courses oldest first, drafts only for those who may see them", async () => {
    const rep = { __typename: 'User', id: idOf(instructor) };
    const asStudent = (await entities([rep], student))[0] as { coursesTaught: { id: string }[] };
    expect(asStudent.coursesTaught.map((course) => course.id)).toEqual([published.id]);
    const asOwner = (await entities([rep], instructor))[0] as { coursesTaught: { id: string }[] };
    expect(asOwner.coursesTaught.map((course) => course.id)).toEqual([published.id, draft.id]);
    const nobody = (await entities([{ __typename: 'User', id: newId() }], admin))[0];
    expect(nobody).toMatchObject({ coursesTaught: [] });
  });
});

describe('batching', () => {
  it('resolves 40 course references with their lessons in one query', async () => {
    const seeded = await seedCourses(40);
    const reps = seeded.map((course) => ({ __typename: 'Course', id: course._id }));
    let resolved: Entity[] = [];
    const queries = await h.queriesDuring(async () => {
      resolved = await entities(reps, student);
    });
    expect(resolved.map((course) => course?.id)).toEqual(seeded.map((course) => course._id));
    expect(queries).toHaveLength(1);
    expect(queries[0]).toMatchObject({ collection: 'courses', operation: 'find' });
  });

  it('resolves 40 lesson references and their courses in one query', async () => {
    const seeded = await seedCourses(20);
    const reps = seeded.flatMap((course) => course.lessons.map((lesson) => ({ __typename: 'Lesson', id: lesson._id })));
    let resolved: Entity[] = [];
    const queries = await h.queriesDuring(async () => {
      resolved = await entities(reps, ANONYMOUS);
    });
    expect(resolved).toHaveLength(40);
    expect(resolved.every((lesson) => lesson !== null && (lesson.course as { id: string }).id !== undefined)).toBe(true);
    expect(queries).toHaveLength(1);
  });

  it("resolves 15 users' taught courses in one query", async () => {
    const instructors = Array.from({ length: 15 }, () => newId());
    for (const instructorId of instructors) await seedCourses(2, instructorId);
    const reps = instructors.map((id) => ({ __typename: 'User', id }));
    let resolved: Entity[] = [];
    const queries = await h.queriesDuring(async () => {
      resolved = await entities(reps, ANONYMOUS);
    });
    expect(resolved.map((user) => (user?.coursesTaught as unknown[]).length)).toEqual(instructors.map(() => 2));
    expect(queries).toHaveLength(1);
  });

  it('answers a page of courses with instructors and lessons in the paging queries alone', async () => {
    const queries = await h.queriesDuring(async () => {
      const response = await h.gql(`{ courses(first: 50) { edges { node { id instructor { id } lessons { id course { id } } } } } }`);
      expect(response.errors).toBeUndefined();
    });
    // The page's find and count; instructors are references, and the page primes `Lesson.course`.
    expect(queries.map((query) => query.operation).sort()).toEqual(['count', 'find']);
  });
});
