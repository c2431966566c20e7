import path from 'node:path';
import { createSubgraphServer, readTypeDefs, type SubgraphRuntime } from '@skillgraph/platform';
import type { Context } from './context';
import { openAssessmentRepository } from './data/assessment-repository';
import { openCourseDirectory } from './data/course-directory';
import { createAssessmentLoaders } from './data/loaders';
import { resolvers } from './resolvers';
import { createAssessmentService } from './services/assessment-service';

export const ASSESSMENTS_SUBGRAPH = 'assessments';

/** Builds the assessments subgraph over the runtime's store; nothing listens until `listen`. */
export async function buildAssessmentsSubgraph(runtime: SubgraphRuntime) {
  const assessments = await openAssessmentRepository(runtime.store);
  const courseDirectory = await openCourseDirectory(runtime.store);
  const assessmentService = createAssessmentService(assessments, courseDirectory);
  const server = createSubgraphServer<Context>({
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
  });
  return { ...server, assessments, courseDirectory };
}
