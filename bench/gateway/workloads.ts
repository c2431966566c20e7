/**
 * The gateway benchmark's workloads, as data: the GraphQL document, the variables (and token) of the
 * i-th request, and where else the same request may be sent. The benchmark runner, the operation-cost
 * regression test (packages/stack/test/operation-cost.test.ts) and anyone profiling the gateway use
 * these same documents.
 *
 * Variables differ from one request to the next (cursor, id, token), so neither a response cache
 * nor request deduplication in a gateway can answer a repeat.
 */

/** What the dataset offers the workloads to vary their requests with. */
export interface BenchFixtures {
  /** Every course's cursor in catalogue order (as the API returns them), to start a page after. */
  courseCursors: string[];
  /** Ids of published courses. */
  courseIds: string[];
  /** Valid access tokens of dataset users (students and instructors), for authenticated workloads. */
  tokens: string[];
  /** For each list size, instructors who teach exactly that many courses. */
  listInstructors: Record<ListSize, string[]>;
}

export const LIST_SIZES = [1, 10, 100, 1000] as const;
export type ListSize = (typeof LIST_SIZES)[number];

/** One request of a workload: its variables and, for authenticated workloads, the bearer token. */
export interface WorkloadRequest {
  variables: Record<string, unknown>;
  token?: string;
}

export interface Workload {
  name: string;
  /** One line for tables and docs. */
  description: string;
  query: string;
  /** The i-th request (i counts from 0; any i is valid, requests cycle through the fixtures). */
  request(i: number, fixtures: BenchFixtures): WorkloadRequest;
  /** The one subgraph that can answer this document alone (sent there straight for the overhead ratio). */
  directSubgraph?: 'courses' | 'users';
}

const pick = <T>(items: readonly T[], i: number): T => {
  if (items.length === 0) throw new Error('the dataset has nothing to vary this workload with');
  return items[i % items.length]!;
};

/** Catalogue page size of the nested workload. */
export const NESTED_PAGE_SIZE = 5;

/**
 * A catalogue page (5 courses, 50 lessons, about 15 KB of JSON) touching all four subgraphs:
 * courses → instructor (users) → cover with its signed URL and lesson files (media) → assessments
 * (assessments). `$first` has a default so the gateway's cost limit counts the page at that size
 * rather than at its worst case for an unknown variable.
 */
export const NESTED_QUERY = `query CataloguePage($first: Int = 5, $after: String) {
  courses(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      node {
        id
        title
        description
        instructor { id name }
        coverImage { id filename contentType url { url expiresAt } }
        assessments { id title }
        lessons { id title position durationMinutes media { id filename kind } }
      }
    }
  }
}`;

/** One course by id, every field from the courses subgraph alone. */
export const BY_ID_QUERY = `query CourseById($id: ID!) {
  course(id: $id) {
    id
    title
    description
    published
    status
    createdAt
    updatedAt
    lessons { id title position durationMinutes }
  }
}`;

/** The signed-in person (users), with their enrollments (courses). */
export const ME_QUERY = `query Me {
  me {
    id
    name
    email
    role
    emailVerified
    createdAt
    enrollments(first: 5) { totalCount edges { node { id status course { id title } } } }
  }
}`;

/**
 * The nested shape over a list of a chosen length. `courses(first:)` stops at 100 (and the dataset
 * has 500 courses), so the list is `User.coursesTaught`, which is not paginated: the dataset has
 * instructors teaching exactly 1, 10, 100 and 1,000 courses.
 */
export const LIST_QUERY = `query TaughtCourses($id: ID!) {
  user(id: $id) {
    id
    name
    coursesTaught {
      id
      title
      instructor { id name }
      coverImage { id filename url { url expiresAt } }
      assessments { id title }
    }
  }
}`;

const nested: Workload = {
  name: 'nested',
  description: `catalogue page of ${NESTED_PAGE_SIZE} courses across all 4 subgraphs, cursor varied`,
  query: NESTED_QUERY,
  request: (i, fixtures) => {
    // Start anywhere a full page still fits, so every request returns the same amount of data.
    const starts = fixtures.courseCursors.slice(0, Math.max(1, fixtures.courseCursors.length - NESTED_PAGE_SIZE));
    return { variables: { first: NESTED_PAGE_SIZE, after: pick(starts, i * 7919) } };
  },
};

const byId: Workload = {
  name: 'byId',
  description: 'one course by id from the courses subgraph only, id varied',
  query: BY_ID_QUERY,
  request: (i, fixtures) => ({ variables: { id: pick(fixtures.courseIds, i * 7919) } }),
  directSubgraph: 'courses',
};

const me: Workload = {
  name: 'me',
  description: 'authenticated `me` with enrollments (users + courses), token varied',
  query: ME_QUERY,
  request: (i, fixtures) => ({ variables: {}, token: pick(fixtures.tokens, i * 7919) }),
};

const list = (size: ListSize): Workload => ({
  name: `list-${size}`,
  description: `an instructor's ${size} course(s) with instructor, cover and assessments`,
  query: LIST_QUERY,
  request: (i, fixtures) => ({ variables: { id: pick(fixtures.listInstructors[size], i) } }),
});

export const WORKLOADS: readonly Workload[] = [nested, byId, me, ...LIST_SIZES.map(list)];

export function workloadNamed(name: string): Workload {
  const found = WORKLOADS.find((workload) => workload.name === name);
  if (!found) throw new Error(`no workload named ${name} (have ${WORKLOADS.map((w) => w.name).join(', ')})`);
  return found;
}

/** The HTTP body and headers of the i-th request of a workload. */
export function requestBody(workload: Workload, i: number, fixtures: BenchFixtures): { body: string; headers: Record<string, string> } {
  const { variables, token } = workload.request(i, fixtures);
  return {
    body: JSON.stringify({ query: workload.query, variables }),
    headers: token ? { 'content-type': 'application/json', authorization: `Bearer ${token}` } : { 'content-type': 'application/json' },
  };
}
