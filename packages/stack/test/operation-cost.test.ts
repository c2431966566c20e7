/**
 * The CPU regression guard that is not timed: every benchmark workload (bench/gateway/workloads.ts)
 * costs a fixed number of subgraph fetches and store queries, whatever the list length. A new N+1
 * (a fetch or a query per item) changes the counts and fails here before it shows in a benchmark.
 */
import { generateDataset, loadDataset, type DatasetTargets } from '../../../bench/gateway/dataset';
import { buildFixtures, catalogueCursors } from '../../../bench/gateway/fixtures';
import { LIST_SIZES, NESTED_PAGE_SIZE, WORKLOADS, workloadNamed, type BenchFixtures, type Workload } from '../../../bench/gateway/workloads';
import type { Stack } from '../src';
import { postGraphQL, type GraphQLResponse } from './support/graphql';
import { operationCostMeter, type OperationCost } from './support/operation-cost';
import { startTestStack } from './support/stack';

/**
 * Recorded costs per operation. Change them only with a reason in the commit message: a higher
 * number is a regression, a lower one an improvement to keep.
 */
const EXPECTED: Record<'nested' | 'byId' | 'me' | 'list', OperationCost> = {
  nested: { fetches: { users: 1, courses: 1, assessments: 1, media: 2 }, storeQueries: { users: 1, courses: 2, assessments: 2, media: 2 } },
  byId: { fetches: { users: 0, courses: 1, assessments: 0, media: 0 }, storeQueries: { users: 0, courses: 1, assessments: 0, media: 0 } },
  me: { fetches: { users: 1, courses: 1, assessments: 0, media: 0 }, storeQueries: { users: 1, courses: 3, assessments: 0, media: 0 } },
  list: { fetches: { users: 2, courses: 1, assessments: 1, media: 1 }, storeQueries: { users: 2, courses: 1, assessments: 2, media: 1 } },
};

describe('operation cost of the gateway benchmark workloads', () => {
  const meter = operationCostMeter();
  let stack: Stack;
  let fixtures: BenchFixtures;

  const send = (workload: Workload, i: number): Promise<GraphQLResponse> => {
    const { variables, token } = workload.request(i, fixtures);
    return postGraphQL(stack.gatewayUrl, workload.query, variables, token ? { authorization: `Bearer ${token}` } : {});
  };
  const costOf = async (workload: Workload, i: number): Promise<{ response: GraphQLResponse; cost: OperationCost }> => {
    const { result, cost } = await meter.measure(stack, () => send(workload, i));
    return { response: result, cost };
  };

  beforeAll(async () => {
    stack = await startTestStack({ subgraphPlugins: meter.subgraphPlugins });
    const dataset = generateDataset({ users: 60, catalogueCourses: 30, lessonsPerCourse: 10, listInstructorsPerSize: { 1: 1, 10: 1, 100: 1, 1000: 1 } });
    await loadDataset(stack.repositories as DatasetTargets, dataset);
    const cursors = await catalogueCursors(stack.gatewayUrl);
    fixtures = await buildFixtures({ dataset, keyRing: stack.keyRing, issuer: 'skillgraph', audience: 'skillgraph-api', cursors });
    // The first request of each shape builds query plans and per-process caches; count from the second.
    for (const workload of WORKLOADS) await send(workload, 0);
  }, 180_000);

  afterAll(() => stack?.stop());

  it('answers every workload without errors, with the data it asks for', async () => {
    const nested = await send(workloadNamed('nested'), 3);
    expect(nested.errors).toBeUndefined();
    const page = (
      nested.data as {
        courses: {
          edges: {
            node: { instructor: { name: string }; coverImage: { url: { url: string } | null }; assessments: unknown[]; lessons: { media: unknown[] }[] };
          }[];
        };
      }
    ).courses.edges;
    expect(page).toHaveLength(NESTED_PAGE_SIZE);
    for (const { node } of page) {
      expect(node.instructor.name).toMatch(/^Instructor /);
      expect(node.coverImage.url?.url).toEqual(expect.any(String));
      expect(node.assessments).toHaveLength(2);
      expect(node.lessons).toHaveLength(10);
      node.lessons.forEach((lesson) => expect(lesson.media).toHaveLength(1));
    }

    const byId = await send(workloadNamed('byId'), 5);
    expect(byId.errors).toBeUndefined();
    expect((byId.data as { course: { id: string } }).course.id).toBe(fixtures.courseIds[(5 * 7919) % fixtures.courseIds.length]);

    const me = await send(workloadNamed('me'), 2);
    expect(me.errors).toBeUndefined();
    expect((me.data as { me: { id: string } | null }).me?.id).toEqual(expect.any(String));
  });

  it.each(['nested', 'byId', 'me'] as const)('%s costs the recorded fetches and store queries, request after request', async (name) => {
    const workload = workloadNamed(name);
    for (const i of [1, 2]) {
      const { response, cost } = await costOf(workload, i);
      expect(response.errors).toBeUndefined();
      expect(cost).toEqual(EXPECTED[name]);
    }
  });

  it('costs the same for a list of 1, 10, 100 and 1,000 items', async () => {
    const costs: Record<number, OperationCost> = {};
    for (const size of LIST_SIZES) {
      const { response, cost } = await costOf(workloadNamed(`list-${size}`), 0);
      expect(response.errors).toBeUndefined();
      const taught = (response.data as { user: { coursesTaught: { instructor: { name: string }; coverImage: unknown; assessments: unknown[] }[] } }).user
        .coursesTaught;
      expect(taught).toHaveLength(size);
      taught.forEach((item) => {
        expect(item.instructor.name).toMatch(/^Instructor /);
        expect(item.coverImage).not.toBeNull();
        expect(item.assessments).toHaveLength(2);
      });
      costs[size] = cost;
    }
    expect(costs).toEqual(Object.fromEntries(LIST_SIZES.map((size) => [size, EXPECTED.list])));
  });
});
