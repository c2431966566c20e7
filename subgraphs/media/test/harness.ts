import type { Request } from 'express';
import {
  ANONYMOUS,
  createLogger,
  newId,
  openNedbStore,
  userViewer,
  type DocumentStore,
  type QueryEvent,
  type Role,
  type Viewer,
} from '@skillgraph/platform';
import { buildMediaSubgraph } from '../src/server';

// Test wiring only: the test names who is asking in a header its own `viewerFrom` reads.
const VIEWER_HEADER = 'x-test-viewer';

function viewerFromTestHeader(req: Request): Viewer {
  const raw = req.header(VIEWER_HEADER);
  if (!raw) return ANONYMOUS;
  const { id, role } = JSON.parse(raw) as { id: string; role: Role };
  return userViewer(id, role);
}

export interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; field?: string };
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: GraphQLError[];
}

export const person = (role: Role): Viewer => userViewer(newId(), role);
export const idOf = (viewer: Viewer): string => (viewer.kind === 'user' ? viewer.id : '');

export async function startMediaSubgraph() {
  const store: DocumentStore = await openNedbStore();
  const subgraph = await buildMediaSubgraph({
    store,
    logger: createLogger({ service: 'test', level: 'silent' }),
    guards: [],
    viewerFrom: async (req) => viewerFromTestHeader(req),
  });
  const running = await subgraph.listen(0);

  async function gql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, viewer: Viewer = ANONYMOUS) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (viewer.kind === 'user') headers[VIEWER_HEADER] = JSON.stringify({ id: viewer.id, role: viewer.role });
    const response = await fetch(running.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as GraphQLResponse<T>;
  }

  /** Runs `work` and returns the store queries it caused. */
  async function queriesDuring(work: () => Promise<unknown>): Promise<QueryEvent[]> {
    const seen: QueryEvent[] = [];
    const stop = store.onQuery((event) => seen.push(event));
    try {
      await work();
    } finally {
      stop();
    }
    return seen;
  }

  return {
    gql,
    queriesDuring,
    assets: subgraph.assets,
    stop: async () => {
      await running.stop();
      await store.close();
    },
  };
}

export type MediaHarness = Awaited<ReturnType<typeof startMediaSubgraph>>;

/** The one error of a response, failing loudly when there is not exactly one. */
export function onlyError(response: GraphQLResponse): GraphQLError {
  expect(response.errors).toHaveLength(1);
  return response.errors![0]!;
}
