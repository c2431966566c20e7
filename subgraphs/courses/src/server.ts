import path from 'node:path';
import { createOutboxRelay, createSubgraphServer, readTypeDefs, type SubgraphRuntime } from '@skillgraph/platform';
import type { Context } from './context';
import { openCourseRepository } from './data/course-repository';
import { createCourseLoaders } from './data/loaders';
import type { Resolvers } from './generated/resolvers-types';
import { resolvers } from './resolvers';
import { createCourseService } from './services/course-service';

export const COURSES_SUBGRAPH = 'courses';

/**
 * Builds the courses subgraph over the runtime's store and bus; nothing listens or publishes until
 * `listen`, which also starts the outbox relay (stopped again after the HTTP drain).
 */
export async function buildCoursesSubgraph(runtime: SubgraphRuntime) {
  const courses = await openCourseRepository(runtime.store);
  const relay = createOutboxRelay({ bus: runtime.events.bus, sources: [courses.outboxSource], logger: runtime.logger, ...runtime.events.relay });
  const courseService = createCourseService(courses, { outbox: relay });
  const server = createSubgraphServer<Context, Resolvers>({
    name: COURSES_SUBGRAPH,
    typeDefs: readTypeDefs(path.join(__dirname, 'schema.graphql')),
    resolvers,
    context: async (req) => ({ viewer: await runtime.viewerFrom(req), loaders: createCourseLoaders(courses), courses, courseService }),
    logger: runtime.logger,
    guards: runtime.guards,
    plugins: runtime.plugins,
    maskInternalErrors: runtime.maskInternalErrors,
    ready: () => runtime.store.ping(),
    background: [{ name: 'courses.outbox-relay', start: () => relay.start(), stop: () => relay.stop() }],
  });
  return { ...server, courses, relay };
}
