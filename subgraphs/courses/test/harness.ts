import { createEvent, newId } from '@skillgraph/platform';
import { recordEvents, startSubgraph } from '@skillgraph/platform/test/support/subgraph-harness';
import { buildCoursesSubgraph } from '../src/server';

export { idOf, onlyError, person, waitFor, type GraphQLError, type GraphQLResponse } from '@skillgraph/platform/test/support/subgraph-harness';

// Only the recorder reads course.events in these suites, so a marker course there disturbs nobody.
const barrier = () => createEvent('COURSE_CREATED', { course_id: newId(), instructor_id: newId(), title: 'barrier' });

/** The courses subgraph over HTTP, with its relay publishing to a real embedded bus that a recorder reads. */
export async function startCoursesSubgraph() {
  const h = await startSubgraph(buildCoursesSubgraph);
  const { courses, relay } = h.subgraph;
  const events = await recordEvents(h.bus, 'course.events', barrier);
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
    courses,
    relay,
    bus: h.bus,
    events,
    settle,
    stop: async () => {
      await events.stop();
      await h.stop();
    },
  };
}

export type CoursesHarness = Awaited<ReturnType<typeof startCoursesSubgraph>>;
