import { createEvent, newId } from '@skillgraph/platform';
import { startSubgraphWithEvents } from '@skillgraph/platform/test/support/subgraph-harness';
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
  const harness = await startSubgraphWithEvents(buildAssessmentsSubgraph, 'assessment.events', barrier);
  return { ...harness, assessments: harness.subgraph.assessments, courseDirectory: harness.subgraph.courseDirectory, relay: harness.subgraph.relay };
}

export type AssessmentsHarness = Awaited<ReturnType<typeof startAssessmentsSubgraph>>;
