import { postGraphQL, startSystem, type AuthPayload, type GraphQLResult, type TestSystem } from '../../../gateway/test/support/system';

let system: TestSystem;
let admin: AuthPayload;
let instructor: AuthPayload;
let student: AuthPayload;
let classmate: AuthPayload;
let published: { id: string; title: string };
let draft: { id: string; title: string };

async function createCourse(title: string, publish: boolean): Promise<{ id: string; title: string }> {
  const token = instructor.accessToken;
  const created = await system.gql<{ createCourse: { id: string } }>(
    'mutation ($title: String!) { createCourse(input: { title: $title, description: "About it" }) { id } }',
    { title },
    { token },
  );
  const id = created.data!.createCourse.id;
  if (publish) {
    await system.gql('mutation ($id: ID!) { addLesson(courseId: $id, input: { title: "One", durationMinutes: 5 }) { id } }', { id }, { token });
    const done = await system.gql('mutation ($id: ID!) { publishCourse(id: $id) { id } }', { id }, { token });
    expect(done.errors).toBeUndefined();
  }
  return { id, title };
}

beforeAll(async () => {
  system = await startSystem();
  admin = await system.account('ADMIN', 'Admin');
  instructor = await system.account('INSTRUCTOR', 'Ines Instructor');
  student = await system.account('STUDENT', 'Stu Student');
  classmate = await system.account('STUDENT', 'Cleo Classmate');
  published = await createCourse('Published Algebra', true);
  draft = await createCourse('Secret Draft', false);
});
afterAll(async () => system.stop());

/** An expected refusal: one error with only a generic message and a code, and nothing about the target. */
function expectRefused(result: GraphQLResult, code: string, secrets: string[] = []): void {
  expect(result.errors).toHaveLength(1);
  const [error] = result.errors!;
  expect(error!.extensions).toEqual({ code });
  expect(Object.keys(error!).sort()).toEqual(expect.arrayContaining(['extensions', 'message']));
  for (const secret of [...secrets, 'stack', 'Error:', 'at /']) expect(result.text).not.toContain(secret);
}

const USER = 'query ($id: ID!) { user(id: $id) { id name email } }';

describe("another user's email", () => {
  it('is hidden from a student through the root field, shown to its owner and to admins', async () => {
    const asStudent = await system.gql<{ user: { email: string | null; name: string } }>(USER, { id: classmate.user.id }, { token: student.accessToken });
    expect(asStudent.data?.user).toEqual({ id: classmate.user.id, name: 'Cleo Classmate', email: null });
    expect(asStudent.text).not.toContain(classmate.user.email!);

    const anonymous = await system.gql<{ user: { email: string | null } }>(USER, { id: classmate.user.id });
    expect(anonymous.data?.user.email).toBeNull();
    const asSelf = await system.gql<{ user: { email: string | null } }>(USER, { id: classmate.user.id }, { token: classmate.accessToken });
    expect(asSelf.data?.user.email).toBe(classmate.user.email);
    const asAdmin = await system.gql<{ user: { email: string | null } }>(USER, { id: classmate.user.id }, { token: admin.accessToken });
    expect(asAdmin.data?.user.email).toBe(classmate.user.email);
  });

  it('is hidden through an entity reference (Course.instructor resolved by users._entities)', async () => {
    const query = 'query ($id: ID!) { course(id: $id) { title instructor { id name email } } }';
    system.clearReceived();
    const asStudent = await system.gql<{ course: { instructor: { id: string; name: string; email: string | null } } }>(
      query,
      { id: published.id },
      { token: student.accessToken },
    );
    expect(asStudent.data?.course.instructor).toEqual({ id: instructor.user.id, name: 'Ines Instructor', email: null });
    expect(asStudent.text).not.toContain(instructor.user.email!);
    // The email really came through the users subgraph's _entities, not a root field.
    expect(system.received.users.map((operation) => operation.query).join('\n')).toMatch(/_entities/);

    const asInstructor = await system.gql<{ course: { instructor: { email: string | null } } }>(query, { id: published.id }, { token: instructor.accessToken });
    expect(asInstructor.data?.course.instructor.email).toBe(instructor.user.email);
    const asAdmin = await system.gql<{ course: { instructor: { email: string | null } } }>(query, { id: published.id }, { token: admin.accessToken });
    expect(asAdmin.data?.course.instructor.email).toBe(instructor.user.email);
  });

  it('is hidden in _entities sent straight to the users subgraph with a valid secret and a student token', async () => {
    const entities = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id email } } }';
    const representations = [{ __typename: 'User', id: classmate.user.id }];
    const headers = { 'x-skillgraph-gateway-secret': system.stack.gatewaySecret };
    const asStudent = await postGraphQL<{ _entities: { email: string | null }[] }>(system.stack.subgraphUrls.users, entities, { r: representations }, { token: student.accessToken, headers });
    expect(asStudent.data?._entities).toEqual([{ id: classmate.user.id, email: null }]);
    const asAdmin = await postGraphQL<{ _entities: { email: string | null }[] }>(system.stack.subgraphUrls.users, entities, { r: representations }, { token: admin.accessToken, headers });
    expect(asAdmin.data?._entities).toEqual([{ id: classmate.user.id, email: classmate.user.email }]);
  });

  it('is not in the user list, which only admins may read', async () => {
    const USERS = '{ users(first: 100) { totalCount edges { node { id email } } } }';
    expectRefused(await system.gql(USERS, {}, { token: student.accessToken }), 'FORBIDDEN', [classmate.user.email!]);
    expectRefused(await system.gql(USERS, {}, { token: instructor.accessToken }), 'FORBIDDEN', [classmate.user.email!]);
    expectRefused(await system.gql(USERS), 'UNAUTHENTICATED', [classmate.user.email!]);
    const asAdmin = await system.gql<{ users: { totalCount: number; edges: { node: { id: string; email: string } }[] } }>(USERS, {}, { token: admin.accessToken });
    expect(asAdmin.data?.users.totalCount).toBe(4);
    expect(asAdmin.data?.users.edges.map((edge) => edge.node.email)).toContain(classmate.user.email);
  });
});

describe("someone else's course", () => {
  const UPDATE = 'mutation ($id: ID!) { updateCourse(id: $id, input: { title: "Hijacked title" }) { id title } }';
  const titleOf = async (id: string) =>
    (await system.gql<{ course: { title: string } | null }>('query ($id: ID!) { course(id: $id) { title } }', { id }, { token: admin.accessToken })).data?.course?.title;

  it('cannot be edited by a student or by another instructor', async () => {
    const otherInstructor = await system.account('INSTRUCTOR', 'Other Instructor');
    for (const intruder of [student, otherInstructor]) {
      for (const course of [published, draft]) {
        const result = await system.gql(UPDATE, { id: course.id }, { token: intruder.accessToken });
        expect(result.data).toBeNull();
        // A draft the intruder cannot see is "not found", a visible course "forbidden"; either way nothing about it leaks.
        expectRefused(result, course === draft ? result.errors![0]!.extensions!.code! : 'FORBIDDEN', [instructor.user.id, instructor.user.email!, course === draft ? draft.title : 'Hijacked']);
        expect(['FORBIDDEN', 'NOT_FOUND']).toContain(result.errors![0]!.extensions!.code);
      }
    }
    expectRefused(await system.gql(UPDATE, { id: published.id }), 'UNAUTHENTICATED');
    expect(await titleOf(published.id)).toBe(published.title);
    expect(await titleOf(draft.id)).toBe(draft.title);
    // The owner can, which shows the refusals above were about who asked.
    expect((await system.gql(UPDATE, { id: draft.id }, { token: instructor.accessToken })).data).toEqual({ updateCourse: { id: draft.id, title: 'Hijacked title' } });
    await system.gql('mutation ($id: ID!) { updateCourse(id: $id, input: { title: "Secret Draft" }) { id } }', { id: draft.id }, { token: instructor.accessToken });
  });

  it("is not reachable through entity references: a student sees no one's drafts via User.coursesTaught or _entities", async () => {
    const TAUGHT = 'query ($id: ID!) { user(id: $id) { coursesTaught { id title } } }';
    const asStudent = await system.gql<{ user: { coursesTaught: { id: string }[] } }>(TAUGHT, { id: instructor.user.id }, { token: student.accessToken });
    expect(asStudent.data?.user.coursesTaught.map((course) => course.id)).toEqual([published.id]);
    expect(asStudent.text).not.toContain(draft.title);
    const asOwner = await system.gql<{ user: { coursesTaught: { id: string }[] } }>(TAUGHT, { id: instructor.user.id }, { token: instructor.accessToken });
    expect(asOwner.data?.user.coursesTaught.map((course) => course.id).sort()).toEqual([published.id, draft.id].sort());

    const entities = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Course { id title } } }';
    const headers = { 'x-skillgraph-gateway-secret': system.stack.gatewaySecret };
    const direct = await postGraphQL<{ _entities: unknown[] }>(system.stack.subgraphUrls.courses, entities, { r: [{ __typename: 'Course', id: draft.id }] }, { token: student.accessToken, headers });
    expect(direct.data?._entities).toEqual([null]);
    expect(direct.text).not.toContain(draft.title);
  });
});

describe('roles', () => {
  const CHANGE = 'mutation ($id: ID!, $role: Role!) { changeUserRole(userId: $id, role: $role) { id role } }';
  const roleOf = async (id: string) => (await system.users.findById(id))?.role;

  it('cannot be changed by a student or an instructor, for anyone including themselves', async () => {
    for (const caller of [student, instructor]) {
      for (const target of [caller, classmate]) {
        const result = await system.gql(CHANGE, { id: target.user.id, role: 'ADMIN' }, { token: caller.accessToken });
        expect(result.data).toBeNull();
        expectRefused(result, 'FORBIDDEN', [target.user.email!, 'ADMIN"']);
      }
    }
    expectRefused(await system.gql(CHANGE, { id: classmate.user.id, role: 'ADMIN' }), 'UNAUTHENTICATED');
    expect(await roleOf(student.user.id)).toBe('STUDENT');
    expect(await roleOf(classmate.user.id)).toBe('STUDENT');
    expect(await roleOf(instructor.user.id)).toBe('INSTRUCTOR');
  });

  it('are changed by an admin, but not the admin own role, and not for unknown users', async () => {
    const target = await system.register();
    expect((await system.gql(CHANGE, { id: target.user.id, role: 'INSTRUCTOR' }, { token: admin.accessToken })).data).toEqual({
      changeUserRole: { id: target.user.id, role: 'INSTRUCTOR' },
    });
    const self = await system.gql(CHANGE, { id: admin.user.id, role: 'STUDENT' }, { token: admin.accessToken });
    expect(self.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'userId' });
    expect(await roleOf(admin.user.id)).toBe('ADMIN');
    const { newId } = await import('@skillgraph/platform');
    expect((await system.gql(CHANGE, { id: newId(), role: 'ADMIN' }, { token: admin.accessToken })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await system.gql(CHANGE, { id: 'nope', role: 'ADMIN' }, { token: admin.accessToken })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
