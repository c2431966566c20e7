import path from 'node:path';
import { createOutboxRelay, createSubgraphServer, readTypeDefs, type SubgraphRuntime } from '@skillgraph/platform';
import type { Context } from './context';
import { openAssessmentDirectory } from './data/assessment-directory';
import { openCourseRepository } from './data/course-repository';
import { openEnrollmentRepository } from './data/enrollment-repository';
import { createCourseLoaders } from './data/loaders';
import { assessmentResultsConsumer } from './events/assessment-results';
import type { Resolvers } from './generated/resolvers-types';
import { resolvers } from './resolvers';
import { createCourseService } from './services/course-service';
import { createEnrollmentService } from './services/enrollment-service';

export const COURSES_SUBGRAPH = 'courses';

/**
 * Builds the courses subgraph over the runtime's store and bus; nothing listens, publishes or
 * consumes until `listen`, which also starts the outbox relay (courses and enrollments) and the
 * assessment-results consumer (stopped again after the HTTP drain).
 */
export async function buildCoursesSubgraph(runtime: SubgraphRuntime) {
  const { bus } = runtime.events;
  const courses = await openCourseRepository(runtime.store);
  const enrollments = await openEnrollmentRepository(runtime.store);
  const assessmentDirectory = await openAssessmentDirectory(runtime.store);
  const relay = createOutboxRelay({ bus, sources: [courses.outboxSource, enrollments.outboxSource], logger: runtime.logger, ...runtime.events.relay });
  const courseService = createCourseService(courses, { outbox: relay });
  const enrollmentService = createEnrollmentService(courses, enrollments, assessmentDirectory, { outbox: relay });
  const sources = { courses, enrollments, assessments: assessmentDirectory };
  const server = createSubgraphServer<Context, Resolvers>({
    name: COURSES_SUBGRAPH,
    typeDefs: readTypeDefs(path.join(__dirname, 'schema.graphql')),
    resolvers,
    context: async (req) => ({ viewer: await runtime.viewerFrom(req), loaders: createCourseLoaders(sources), courses, enrollments, courseService, enrollmentService }),
    logger: runtime.logger,
    guards: runtime.guards,
    plugins: runtime.plugins,
    maskInternalErrors: runtime.maskInternalErrors,
    ready: () => runtime.store.ping(),
    background: [
      { name: 'courses.outbox-relay', start: () => relay.start(), stop: () => relay.stop() },
      assessmentResultsConsumer({ bus, directory: assessmentDirectory, enrollments: enrollmentService, logger: runtime.logger, maxAttempts: runtime.events.consumerMaxAttempts }),
    ],
  });
  return { ...server, courses, enrollments, assessmentDirectory, enrollmentService, relay };
}
