/**
 * Integration-test wiring shared by the subgraphs' suites: one subgraph served over real HTTP on
 * an in-memory nedb store, with a real embedded event bus in a temporary directory (or a bus the
 * test shares between subgraphs), and an event recorder that tells a test exactly which events a
 * mutation produced.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { IncomingMessage } from 'node:http';
import { ANONYMOUS, type Role, type Viewer, userViewer } from '../../src/auth';
import { type DocumentStore, type QueryEvent, openNedbStore } from '../../src/documents';
import { type AnyEvent, type DeliveredMessage, type EventBus, type OutboxRelay, type RelaySettings, keyOf, openEmbeddedBus } from '../../src/events';
import { pendingOutboxFilter } from '../../src/events/outbox';
import { newId } from '../../src/ids';
import { createLogger } from '../../src/logger';
import type { SubgraphRuntime } from '../../src/server/runtime';
import type { RunningServer } from '../../src/server/subgraph-server';

// Test wiring only: the test names who is asking in a header its own `viewerFrom` reads.
const VIEWER_HEADER = 'x-test-viewer';

function viewerFromTestHeader(req: IncomingMessage): Viewer {
  const raw = req.headers[VIEWER_HEADER];
  if (typeof raw !== 'string' || raw === '') return ANONYMOUS;
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

/** The one error of a response, failing loudly when there is not exactly one. */
export function onlyError(response: GraphQLResponse): GraphQLError {
  expect(response.errors).toHaveLength(1);
  return response.errors![0]!;
}

/** Polls until `check` holds; fails naming `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

// The production poll (500 ms) would only make tests wait; relay.notify() does the real work.
const TEST_RELAY: RelaySettings = { pollIntervalMs: 50, batchSize: 500, backoffMs: 50, maxBackoffMs: 1_000 };

export interface TestBus {
  bus: EventBus;
  /** Closes the bus and deletes its log directory. */
  close(): Promise<void>;
}

/** A real embedded bus over a fresh temporary directory. */
export async function openTestBus(): Promise<TestBus> {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'skillgraph-subgraph-bus-'));
  const bus = await openEmbeddedBus({ directory });
  return {
    bus,
    async close() {
      await bus.close();
      await fs.rm(directory, { recursive: true, force: true });
    },
  };
}

export interface Listenable {
  listen(port: number, host?: string): Promise<RunningServer>;
}

export interface SubgraphHarnessOptions {
  /** A bus the test shares between subgraphs; the harness then leaves closing it to the test. */
  bus?: EventBus;
  relay?: Partial<RelaySettings>;
  consumerMaxAttempts?: number;
}

export interface SubgraphHarness<S> {
  /** What the subgraph's build function returned (repositories, relay...). */
  subgraph: S;
  url: string;
  store: DocumentStore;
  bus: EventBus;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, viewer?: Viewer): Promise<GraphQLResponse<T>>;
  /**
   * Runs `work` and returns the store queries it caused, leaving out the outbox relay's polls
   * (settle the relay first, so no publish of earlier writes falls inside `work`).
   */
  queriesDuring(work: () => Promise<unknown>): Promise<QueryEvent[]>;
  /** Stops the server (and so its relay and consumers), then closes what the harness opened. */
  stop(): Promise<void>;
}

const RELAY_POLL = JSON.stringify(pendingOutboxFilter);
const isRelayPoll = (event: QueryEvent): boolean => event.operation === 'find' && JSON.stringify(event.filter) === RELAY_POLL;

/** Builds a subgraph as the stack would and listens on a free port. */
export async function startSubgraph<S extends Listenable>(
  build: (runtime: SubgraphRuntime) => Promise<S>,
  options: SubgraphHarnessOptions = {},
): Promise<SubgraphHarness<S>> {
  const store = await openNedbStore();
  const ownBus = options.bus ? undefined : await openTestBus();
  const bus = options.bus ?? ownBus!.bus;
  const subgraph = await build({
    store,
    logger: createLogger({ service: 'test', level: 'silent' }),
    guards: [],
    viewerFrom: async (req) => viewerFromTestHeader(req),
    events: { bus, relay: { ...TEST_RELAY, ...options.relay }, consumerMaxAttempts: options.consumerMaxAttempts ?? 3 },
  });
  const running = await subgraph.listen(0);

  return {
    subgraph,
    url: running.url,
    store,
    bus,
    async gql<T>(query: string, variables: Record<string, unknown> = {}, viewer: Viewer = ANONYMOUS) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (viewer.kind === 'user') headers[VIEWER_HEADER] = JSON.stringify({ id: viewer.id, role: viewer.role });
      const response = await fetch(running.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      return (await response.json()) as GraphQLResponse<T>;
    },
    async queriesDuring(work) {
      const seen: QueryEvent[] = [];
      const stop = store.onQuery((event) => {
        if (!isRelayPoll(event)) seen.push(event);
      });
      try {
        await work();
      } finally {
        stop();
      }
      return seen;
    },
    async stop() {
      await running.stop();
      await ownBus?.close();
      await store.close();
    },
  };
}

const BARRIER_HEADER = 'x-test-barrier';

export interface EventRecorder {
  readonly topic: string;
  /** Everything received so far, in log order, barriers left out. */
  all(): DeliveredMessage[];
  /** What was received under one Kafka key (an aggregate id). */
  forKey(key: string): DeliveredMessage[];
  /**
   * Resolves once everything published to the topic before the call has been received: it
   * publishes a barrier event (hidden from `all`) and waits for it, relying on the embedded bus
   * delivering one topic in order. Only for topics no consumer under test reads.
   */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/** Subscribes a throwaway group to `topic` from its beginning. `barrier` makes a valid event of that topic. */
export async function recordEvents(bus: EventBus, topic: string, barrier: () => AnyEvent): Promise<EventRecorder> {
  const received: DeliveredMessage[] = [];
  const barriersSeen = new Set<string>();
  const subscription = await bus.subscribe({
    groupId: `test-recorder-${newId()}`,
    topics: [topic],
    fromBeginning: true,
    handler: async (message) => {
      const marker = message.headers[BARRIER_HEADER];
      if (marker) barriersSeen.add(marker);
      else received.push(message);
    },
  });
  return {
    topic,
    all: () => [...received],
    forKey: (key) => received.filter((message) => message.key === key),
    async settle() {
      const event = barrier();
      await bus.publish(topic, [{ key: keyOf(event), event, headers: { [BARRIER_HEADER]: event.event_id } }]);
      await waitFor(`the barrier on ${topic}`, () => barriersSeen.has(event.event_id));
    },
    stop: () => subscription.stop(),
  };
}

/**
 * A subgraph whose outbox relay publishes to `topic`, read by a recorder. `settle` waits until
 * every event committed so far is published and received; `queriesDuring` settles first, so no
 * publish of earlier writes is counted in `work`.
 */
export async function startSubgraphWithEvents<S extends Listenable & { relay: OutboxRelay }>(
  build: (runtime: SubgraphRuntime) => Promise<S>,
  topic: string,
  barrier: () => AnyEvent,
  options: SubgraphHarnessOptions = {},
) {
  const harness = await startSubgraph(build, options);
  const events = await recordEvents(harness.bus, topic, barrier);
  const settle = async (): Promise<void> => {
    await harness.subgraph.relay.flush();
    await events.settle();
  };
  return {
    ...harness,
    events,
    settle,
    queriesDuring: async (work: () => Promise<unknown>): Promise<QueryEvent[]> => {
      await settle();
      return harness.queriesDuring(work);
    },
    stop: async (): Promise<void> => {
      await events.stop();
      await harness.stop();
    },
  };
}
