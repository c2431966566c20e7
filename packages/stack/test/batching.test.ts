import { newId, type QueryEvent } from '@skillgraph/platform';
import type { Stack } from '../src';
import { postGraphQL } from './support/graphql';
import { causedByRequest } from './support/operation-cost';
import { isEntitiesFetch, operationRecorder } from './support/operation-counter';
import { startTestStack } from './support/stack';

const COURSE_COUNT = 50;

describe('a list of 50 courses with instructors and covers', () => {
  const usersOps = operationRecorder();
  const mediaOps = operationRecorder();
  let stack: Stack;

  beforeAll(async () => {
    stack = await startTestStack({ subgraphPlugins: { users: [usersOps.plugin], media: [mediaOps.plugin] } });
    const now = new Date();
    const instructors = Array.from({ length: COURSE_COUNT }, (_, i) => ({
      _id: newId(),
      name: `Instructor ${i}`,
      email: `instructor${i}@example.org`,
      emailKey: `instructor${i}@example.org`,
      role: 'INSTRUCTOR' as const,
      passwordHash: 'not-used-here',
      createdAt: now,
      updatedAt: now,
    }));
    const courses = instructors.map((instructor, i) => ({
      _id: newId(),
      title: `Course ${i}`,
      description: '',
      instructorId: instructor._id,
      published: true,
      lessons: [],
      version: 1,
      createdAt: now,
      updatedAt: now,
    }));
    const covers = courses.map((course, i) => ({
      _id: newId(),
      kind: 'IMAGE' as const,
      filename: `cover-${i}.png`,
      contentType: 'image/png',
      size: 1000 + i,
      status: 'READY' as const,
      ownerId: course.instructorId,
      createdAt: now,
      attachedTo: { kind: 'COURSE_COVER' as const, courseId: course._id, attachedAt: now },
    }));
    await stack.repositories.users.users.insertMany(instructors);
    await stack.repositories.courses.courses.insertMany(courses);
    await stack.repositories.media.assets.insertMany(covers);
  });

  afterAll(() => stack?.stop());

  it('costs one _entities fetch and one database query in users and in media', async () => {
    const queries: Record<string, QueryEvent[]> = { users: [], media: [] };
    const record = (into: QueryEvent[]) => (event: QueryEvent) => void (causedByRequest(event) && into.push(event));
    const unsubscribe = [stack.stores.users.onQuery(record(queries.users!)), stack.stores.media.onQuery(record(queries.media!))];
    usersOps.operations.length = 0;
    mediaOps.operations.length = 0;

    const result = await postGraphQL<{ courses: { edges: { node: { title: string; instructor: { name: string }; coverImage: { filename: string } | null } }[] } }>(
      stack.gatewayUrl,
      `{ courses(first: ${COURSE_COUNT}) { edges { node { title instructor { name } coverImage { filename } } } } }`,
    );
    unsubscribe.forEach((stop) => stop());

    expect(result.errors).toBeUndefined();
    const nodes = result.data!.courses.edges.map((edge) => edge.node);
    expect(nodes).toHaveLength(COURSE_COUNT);
    nodes.forEach((node) => {
      const i = node.title.replace('Course ', '');
      expect(node.instructor.name).toBe(`Instructor ${i}`);
      expect(node.coverImage?.filename).toBe(`cover-${i}.png`);
    });

    expect(usersOps.operations.filter(isEntitiesFetch)).toHaveLength(1);
    expect(mediaOps.operations.filter(isEntitiesFetch)).toHaveLength(1);
    expect(queries.users).toHaveLength(1);
    expect(queries.media).toHaveLength(1);
  });
});
