import { createEvent, newId } from '@skillgraph/platform';
import { recordEvents, startSubgraph } from '@skillgraph/platform/test/support/subgraph-harness';
import { buildAssessmentsSubgraph } from '../src/server';

export { idOf, onlyError, person, waitFor, type GraphQLError, type GraphQLResponse } from '@skillgraph/platform/test/support/subgraph-harness';

// Only the recorder reads assessment.events in these suites, so a marker there disturbs nobody.
const barrier = () =>
  createEvent('ASSESSMENT_CREATED', { assessment_id: newId(), course_id: newId(), title: 'barrier', max_score: 0, passing_percentage: 0 });

/**
 * The assessments subgraph over HTTP on a real embedded bus: its relay publishes to it, a recorder
 * reads `assessment.events`, and its course-view consumer reads whatever the test publishes.
 */
export async function startAssessmentsSubgraph() {
  const h = await startSubgraph(buildAssessmentsSubgraph);
  const { assessments, courseDirectory, relay } = h.subgraph;
  const events = await recordEvents(h.bus, 'assessment.events', barrier);
  /** Resolves once every event committed so far is published and received by `events`. */
  const settle = async (): Promise<void> => {
    await relay.flush();
    await events.settle();
  };
  return {
    gql: h.gql,
    queriesDuring: async (work: () => Promise<unknown>) => {
      await settle();
      return h.queriesDuring(work);
    },
    assessments,
    courseDirectory,
    relay,
    bus: h.bus,
    store: h.store,
    events,
    settle,
    stop: async () => {
      await events.stop();
      await h.stop();
    },
  };
}

export type AssessmentsHarness = Awaited<ReturnType<typeof startAssessmentsSubgraph>>;
