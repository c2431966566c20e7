import { ANONYMOUS, newId, type Viewer } from '@skillgraph/platform';
import { idOf, onlyError, person, startCoursesSubgraph, type CoursesHarness } from './harness';
import { createCourse, publishedCourse, readCourse, type CourseView } from './operations';

const COURSES = `query ($first: Int, $after: String, $filter: CourseFilter) {
  courses(first: $first, after: $after, filter: $filter) {
    edges { cursor node { id title published instructor { id } } }
    pageInfo { hasNextPage endCursor }
    totalCount
  }
}`;

interface CoursePage {
  courses: {
    edges: { cursor: string; node: { id: string; title: string; published: boolean; instructor: { id: string } } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    totalCount: number;
  };
}

const instructor = person('INSTRUCTOR');
const otherInstructor = person('INSTRUCTOR');
const student = person('STUDENT');
const admin = person('ADMIN');

let h: CoursesHarness;
let draft: CourseView;
let algebra: CourseView;

beforeAll(async () => {
  h = await startCoursesSubgraph();
  // Creation order, which is listing order: Linear Algebra, Draft Algebra, C++, Other Draft, Geometry.
  algebra = await publishedCourse(h, instructor, 'Linear Algebra');
  draft = await createCourse(h, instructor, 'Draft Algebra');
  await publishedCourse(h, otherInstructor, 'C++ (Advanced)');
  await createCourse(h, otherInstructor, 'Other Draft');
  await publishedCourse(h, otherInstructor, 'Geometry');
});
afterAll(async () => h.stop());

async function list(viewer: Viewer, variables: Record<string, unknown> = {}) {
  const response = await h.gql<CoursePage>(COURSES, variables, viewer);
  expect(response.errors).toBeUndefined();
  return response.data!.courses;
}
const titles = (page: CoursePage['courses']) => page.edges.map((edge) => edge.node.title);

describe('course(id)', () => {
  it('shows a published course to everyone', async () => {
    for (const viewer of [ANONYMOUS, student, otherInstructor, admin]) {
      expect(await readCourse(h, viewer, algebra.id)).toMatchObject({ id: algebra.id, title: 'Linear Algebra', published: true });
    }
  });

  it('shows an unpublished course only to its instructor and admins', async () => {
    expect(await readCourse(h, ANONYMOUS, draft.id)).toBeNull();
    expect(await readCourse(h, student, draft.id)).toBeNull();
    expect(await readCourse(h, otherInstructor, draft.id)).toBeNull();
    expect((await readCourse(h, instructor, draft.id))?.id).toBe(draft.id);
    expect((await readCourse(h, admin, draft.id))?.id).toBe(draft.id);
  });

  it('answers null for an unknown id and BAD_USER_INPUT for a malformed one', async () => {
    expect(await readCourse(h, admin, newId())).toBeNull();
    const error = onlyError(await h.gql(`{ course(id: "42") { id } }`));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });
});

describe('courses', () => {
  it('lists published courses in creation order to anonymous visitors and students', async () => {
    for (const viewer of [ANONYMOUS, student]) {
      const page = await list(viewer);
      expect(titles(page)).toEqual(['Linear Algebra', 'C++ (Advanced)', 'Geometry']);
      expect(page.totalCount).toBe(3);
    }
  });

  it("adds the viewer's own drafts for instructors, and everything for admins", async () => {
    expect(titles(await list(instructor))).toEqual(['Linear Algebra', 'Draft Algebra', 'C++ (Advanced)', 'Geometry']);
    expect(titles(await list(otherInstructor))).toEqual(['Linear Algebra', 'C++ (Advanced)', 'Other Draft', 'Geometry']);
    expect((await list(admin)).totalCount).toBe(5);
  });

  it('filters by instructor, publication and title text, ignoring case and regex syntax', async () => {
    expect(titles(await list(ANONYMOUS, { filter: { instructorId: idOf(otherInstructor) } }))).toEqual(['C++ (Advanced)', 'Geometry']);
    expect(titles(await list(instructor, { filter: { published: false } }))).toEqual(['Draft Algebra']);
    expect(titles(await list(student, { filter: { published: false } }))).toEqual([]);
    expect(titles(await list(instructor, { filter: { titleContains: 'ALGEBRA' } }))).toEqual(['Linear Algebra', 'Draft Algebra']);
    expect(titles(await list(ANONYMOUS, { filter: { titleContains: 'c++ (' } }))).toEqual(['C++ (Advanced)']);
    expect(titles(await list(admin, { filter: { titleContains: '.*' } }))).toEqual([]);
    const combined = await list(admin, { filter: { instructorId: idOf(otherInstructor), published: true, titleContains: 'geo' } });
    expect(titles(combined)).toEqual(['Geometry']);
    expect(combined.totalCount).toBe(1);
  });

  it('pages with keyset cursors', async () => {
    const first = await list(admin, { first: 2 });
    expect(titles(first)).toEqual(['Linear Algebra', 'Draft Algebra']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await list(admin, { first: 2, after: first.pageInfo.endCursor });
    expect(titles(second)).toEqual(['C++ (Advanced)', 'Other Draft']);
    const last = await list(admin, { first: 2, after: second.pageInfo.endCursor });
    expect(titles(last)).toEqual(['Geometry']);
    expect(last.pageInfo.hasNextPage).toBe(false);
    expect(last.totalCount).toBe(5);
  });

  it.each([
    ['a malformed instructorId', { filter: { instructorId: 'abc' } }, 'filter.instructorId'],
    ['an empty titleContains', { filter: { titleContains: '' } }, 'filter.titleContains'],
    ['a 101-character titleContains', { filter: { titleContains: 'a'.repeat(101) } }, 'filter.titleContains'],
    ['first above 100', { first: 101 }, 'first'],
    ['negative first', { first: -1 }, 'first'],
    ['a forged cursor', { after: 'bm90LWEtY3Vyc29y' }, 'after'],
  ])('rejects %s naming %s', async (_case, variables, field) => {
    const error = onlyError(await h.gql(COURSES, variables, admin));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});
