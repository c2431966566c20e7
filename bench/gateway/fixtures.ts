/**
 * Turns a loaded dataset into the fixtures the workloads vary their requests with: catalogue
 * cursors as the API hands them out, and access tokens issued with the users subgraph's keys.
 */
import { createAccessTokenIssuer, type KeyRing } from '@skillgraph/platform';
import type { GeneratedDataset } from './dataset';
import type { BenchFixtures } from './workloads';

/** Tokens stay valid well past the longest run (default lifetime is 15 minutes). */
const TOKEN_TTL_SECONDS = 4 * 60 * 60;
/** How many distinct signed-in users the authenticated workload cycles through. */
const TOKEN_COUNT = 500;

const CURSORS_QUERY =
  'query Cursors($after: String) { courses(first: 100, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }';

interface CursorPage {
  data?: { courses: { edges: { cursor: string; node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
  errors?: unknown[];
}

/** Pages through the catalogue at `url` (the gateway, or the courses subgraph with `headers`). */
export async function catalogueCursors(url: string, headers: Record<string, string> = {}): Promise<Map<string, string>> {
  const cursors = new Map<string, string>();
  let after: string | null = null;
  do {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: CURSORS_QUERY, variables: { after } }),
    });
    const page = (await response.json()) as CursorPage;
    if (!page.data || page.errors) throw new Error(`paging the catalogue failed (${response.status}): ${JSON.stringify(page.errors ?? page).slice(0, 300)}`);
    for (const edge of page.data.courses.edges) cursors.set(edge.node.id, edge.cursor);
    after = page.data.courses.pageInfo.hasNextPage ? page.data.courses.pageInfo.endCursor : null;
  } while (after);
  return cursors;
}

export interface FixtureSources {
  dataset: GeneratedDataset;
  keyRing: KeyRing;
  issuer: string;
  audience: string;
  /** course id → cursor, from `catalogueCursors`. */
  cursors: Map<string, string>;
}

export async function buildFixtures({ dataset, keyRing, issuer, audience, cursors }: FixtureSources): Promise<BenchFixtures> {
  const tokenIssuer = createAccessTokenIssuer({ keyRing, issuer, audience, ttlSeconds: TOKEN_TTL_SECONDS });
  const signedIn = dataset.signedInUsers.filter((_, i) => i % Math.max(1, Math.floor(dataset.signedInUsers.length / TOKEN_COUNT)) === 0).slice(0, TOKEN_COUNT);
  const tokens = await Promise.all(signedIn.map(async (u) => (await tokenIssuer.issueAccessToken({ sub: u.id, role: u.role })).token));
  const courseCursors = dataset.catalogueCourseIds.map((id) => {
    const cursor = cursors.get(id);
    if (!cursor) throw new Error(`course ${id} is not in the catalogue the API returns`);
    return cursor;
  });
  return { courseCursors, courseIds: dataset.catalogueCourseIds, tokens, listInstructors: dataset.listInstructors };
}
