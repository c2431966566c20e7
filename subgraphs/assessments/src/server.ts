import path from 'node:path';
import { createOutboxRelay, createSubgraphServer, readTypeDefs, type SubgraphRuntime } from '@skillgraph/platform';
import type { Context } from './context';
import { openAssessmentRepository } from './data/assessment-repository';
import { openCourseDirectory } from './data/course-directory';
import { createAssessmentLoaders } from './data/loaders';
import { courseViewConsumer } from './events/course-view';
import type { Resolvers } from './generated/resolvers-types';
import { resolvers } from './resolvers';
import { createAssessmentService } from './services/assessment-service';

export const ASSESSMENTS_SUBGRAPH = 'assessments';

/**
 * Builds the assessments subgraph over the runtime's store and bus; nothing listens, publishes or
 * consumes until `listen`, which starts the outbox relay and the course-view consumer (both
 * stopped again after the HTTP drain).
 */
export async function buildAssessmentsSubgraph(runtime: SubgraphRuntime) {
  const { bus } = runtime.events;
  const assessments = await openAssessmentRepository(runtime.store);
  const courseDirectory = await openCourseDirectory(runtime.store);
  const relay = createOutboxRelay({ bus, sources: [assessments.outboxSource], logger: runtime.logger, ...runtime.events.relay });
  const assessmentService = createAssessmentService(assessments, courseDirectory, { outbox: relay });
  const server = createSubgraphServer<Context, Resolvers>({
    name: ASSESSMENTS_SUBGRAPH,
    typeDefs: readTypeDefs(path.join(__dirname, 'schema.graphql')),
    resolvers,
    context: async (req) => ({
      viewer: await runtime.viewerFrom(req),
      loaders: createAssessmentLoaders(assessments, courseDirectory),
      assessmentService,
    }),
    logger: runtime.logger,
    guards: runtime.guards,
    plugins: runtime.plugins,
    maskInternalErrors: runtime.maskInternalErrors,
    ready: () => runtime.store.ping(),
    background: [
      { name: 'assessments.outbox-relay', start: () => relay.start(), stop: () => relay.stop() },
      courseViewConsumer({ bus, directory: courseDirectory, logger: runtime.logger, maxAttempts: runtime.events.consumerMaxAttempts }),
    ],
  });
  return { ...server, assessments, courseDirectory, relay };
}
