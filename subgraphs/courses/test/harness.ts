import { createEvent, newId } from '@skillgraph/platform';
import { startSubgraphWithEvents } from '@skillgraph/platform/test/support/subgraph-harness';
import { buildCoursesSubgraph } from '../src/server';

export { idOf, onlyError, person, waitFor, type GraphQLError, type GraphQLResponse } from '@skillgraph/platform/test/support/subgraph-harness';

// Only the recorder reads course.events in these suites, so a marker course there disturbs nobody.
const barrier = () => createEvent('COURSE_CREATED', { course_id: newId(), instructor_id: newId(), title: 'barrier' });

/** The courses subgraph over HTTP, with its relay publishing to a real embedded bus that a recorder reads. */
export async function startCoursesSubgraph() {
  const harness = await startSubgraphWithEvents(buildCoursesSubgraph, 'course.events', barrier);
  return { ...harness, courses: harness.subgraph.courses, relay: harness.subgraph.relay };
}

export type CoursesHarness = Awaited<ReturnType<typeof startCoursesSubgraph>>;
