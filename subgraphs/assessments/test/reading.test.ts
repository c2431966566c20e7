import { ANONYMOUS, newId, type Viewer } from '@skillgraph/platform';
import type { AssessmentRecord, AssessmentSeed } from '../src/data/records';
import { onlyError, person, startAssessmentsSubgraph, type AssessmentsHarness } from './harness';
import { ASSESSMENT, ASSESSMENT_FIELDS, createAssessment, knownCourse, type AssessmentView } from './fixtures';

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Course { id assessments { id title } }
    ... on Assessment { ${ASSESSMENT_FIELDS} }
  }
}`;

type Entity = { id: string; assessments?: { id: string; title: string }[]; title?: string } | null;

const instructor = person('INSTRUCTOR');
const otherInstructor = person('INSTRUCTOR');
const student = person('STUDENT');
const admin = person('ADMIN');

let h: AssessmentsHarness;
beforeAll(async () => {
  h = await startAssessmentsSubgraph();
});
afterAll(async () => h.stop());

async function read(viewer: Viewer, id: string): Promise<AssessmentView | null> {
  const response = await h.gql<{ assessment: AssessmentView | null }>(ASSESSMENT, { id }, viewer);
  expect(response.errors).toBeUndefined();
  return response.data!.assessment;
}

async function entities(representations: Record<string, unknown>[], viewer: Viewer = ANONYMOUS): Promise<Entity[]> {
  const response = await h.gql<{ _entities: Entity[] }>(ENTITIES, { representations }, viewer);
  expect(response.errors).toBeUndefined();
  return response.data!._entities;
}

describe('assessment(id)', () => {
  it("shows a published course's assessment to everyone", async () => {
    const course = await knownCourse(h, instructor, true);
    const created = await createAssessment(h, instructor, course._id);
    for (const viewer of [ANONYMOUS, student, otherInstructor, admin]) expect(await read(viewer, created.id)).toEqual(created);
  });

  it("shows a draft course's assessment only to its instructor and admins, until the course is published", async () => {
    const course = await knownCourse(h, instructor, false);
    const created = await createAssessment(h, instructor, course._id);
    for (const viewer of [ANONYMOUS, student, otherInstructor]) expect(await read(viewer, created.id)).toBeNull();
    for (const viewer of [instructor, admin]) expect((await read(viewer, created.id))?.id).toBe(created.id);
    await h.courseDirectory.upsert({ ...course, published: true });
    expect((await read(student, created.id))?.id).toBe(created.id);
  });

  it('answers null for an unknown id and BAD_USER_INPUT for a malformed one', async () => {
    expect(await read(admin, newId())).toBeNull();
    expect(onlyError(await h.gql(ASSESSMENT, { id: 'x' })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });
});

describe('_entities', () => {
  it("lists a course's assessments oldest first, and none for an unknown course", async () => {
    const course = await knownCourse(h, instructor, true);
    const first = await createAssessment(h, instructor, course._id, 'First');
    const second = await createAssessment(h, admin, course._id, 'Second');
    const [known, unknown] = await entities([course._id, newId()].map((id) => ({ __typename: 'Course', id })));
    expect(known?.assessments).toEqual([
      { id: first.id, title: 'First' },
      { id: second.id, title: 'Second' },
    ]);
    expect(unknown).toEqual({ id: expect.any(String), assessments: [] });
  });

  it("hides a draft course's assessments from people who may not see the course", async () => {
    const course = await knownCourse(h, instructor, false);
    const created = await createAssessment(h, instructor, course._id);
    const reps = [{ __typename: 'Course', id: course._id }, { __typename: 'Assessment', id: created.id }];
    expect(await entities(reps, student)).toEqual([{ id: course._id, assessments: [] }, null]);
    const [asOwner, assessment] = await entities(reps, instructor);
    expect(asOwner?.assessments?.map((item) => item.id)).toEqual([created.id]);
    expect(assessment).toEqual(created);
  });
});

describe('batching', () => {
  /** 30 published courses with one assessment each, written straight to the store. */
  async function seed(): Promise<AssessmentRecord[]> {
    const records: AssessmentSeed[] = [];
    for (let index = 0; index < 30; index += 1) {
      const course = await knownCourse(h, instructor, true);
      records.push({ _id: newId(), courseId: course._id, title: `Seeded ${index}`, passingPercentage: 50, questions: [], createdBy: course.instructorId, createdAt: new Date() });
    }
    return h.assessments.insertMany(records);
  }

  it("resolves 30 courses' assessments with one query per collection", async () => {
    const seeded = await seed();
    let resolved: Entity[] = [];
    const queries = await h.queriesDuring(async () => {
      resolved = await entities(seeded.map((assessment) => ({ __typename: 'Course', id: assessment.courseId })), student);
    });
    expect(resolved.map((course) => course?.assessments?.[0]?.id)).toEqual(seeded.map((assessment) => assessment._id));
    // One for the assessments, one for the courses' visibility.
    expect(queries.map((query) => `${query.operation} ${query.collection}`).sort()).toEqual(['find assessments', 'find courses_view']);
  });

  it('resolves 30 assessment references with one query per collection', async () => {
    const seeded = await seed();
    let resolved: Entity[] = [];
    const queries = await h.queriesDuring(async () => {
      resolved = await entities(seeded.map((assessment) => ({ __typename: 'Assessment', id: assessment._id })), student);
    });
    expect(resolved.map((assessment) => assessment?.id)).toEqual(seeded.map((assessment) => assessment._id));
    expect(queries.map((query) => `${query.operation} ${query.collection}`).sort()).toEqual(['find assessments', 'find courses_view']);
  });
});

describe('course directory', () => {
  it('replaces what it knows on upsert and keeps one entry per course', async () => {
    const course = await knownCourse(h, instructor, false);
    await h.courseDirectory.upsert({ ...course, title: 'Renamed', published: true });
    await h.courseDirectory.upsert({ ...course, title: 'Renamed', published: true });
    expect(await h.courseDirectory.getMany([course._id])).toEqual([{ ...course, title: 'Renamed', published: true }]);
  });
});
