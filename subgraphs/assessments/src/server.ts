import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createUrlSigner } from '@skillgraph/platform/src/storage';
import { createOutboxRelay, createSubgraphServer, readTypeDefs, type SubgraphRuntime } from '@skillgraph/platform';
import { defaultCertificateSettings, type CertificateSettings } from './config';
import type { Context } from './context';
import type { Resolvers } from './generated/resolvers-types';
import { openAssessmentRepository } from './data/assessment-repository';
import { openAttemptRepository } from './data/attempt-repository';
import { openCertificateRepository } from './data/certificate-repository';
import { openCourseDirectory } from './data/course-directory';
import { openCourseSettingsRepository } from './data/course-settings-repository';
import { openEnrollmentDirectory } from './data/enrollment-directory';
import { createAssessmentLoaders } from './data/loaders';
import { CERTIFICATE_ISSUER_GROUP, certificateIssuerHandlers } from './events/certificate-issuer';
import { courseViewConsumer, projectionTask } from './events/course-view';
import { ENROLLMENT_VIEW_GROUP, enrollmentViewHandlers } from './events/enrollment-view';
import { resolvers } from './resolvers';
import { createAssessmentService } from './services/assessment-service';
import { createAttemptService } from './services/attempt-service';
import { createCertificateLinks } from './services/certificate-links';
import { createCertificateService } from './services/certificate-service';
import { CERTIFICATE_PDF_ROUTE, certificatePdfRoute } from './routes/certificate-pdf-route';

export const ASSESSMENTS_SUBGRAPH = 'assessments';

export interface AssessmentsSubgraphOptions {
  /** The clock; tests move it to reach time limits. */
  now?: () => Date;
  /** Certificate PDF links (config.ts); default: a per-process secret and this server's own origin. */
  certificates?: CertificateSettings;
}

/**
 * Builds the assessments subgraph over the runtime's store and bus; nothing listens, publishes or
 * consumes until `listen`, which starts the outbox relay, the course and enrollment projections
 * and the certificate issuer (all stopped again after the HTTP drain).
 */
export async function buildAssessmentsSubgraph(runtime: SubgraphRuntime, options: AssessmentsSubgraphOptions = {}) {
  const { bus } = runtime.events;
  const assessments = await openAssessmentRepository(runtime.store);
  const attempts = await openAttemptRepository(runtime.store);
  const certificates = await openCertificateRepository(runtime.store);
  const courseDirectory = await openCourseDirectory(runtime.store);
  const enrollmentDirectory = await openEnrollmentDirectory(runtime.store);
  const courseSettings = await openCourseSettingsRepository(runtime.store);
  const relay = createOutboxRelay({
    bus,
    sources: [assessments.outboxSource, attempts.outboxSource, certificates.outboxSource, courseSettings.outboxSource],
    logger: runtime.logger,
    ...runtime.events.relay,
  });
  const clock = { outbox: relay, ...(options.now ? { now: options.now } : {}) };
  const assessmentService = createAssessmentService({ assessments, courses: courseDirectory, attempts, settings: courseSettings }, clock);
  const attemptService = createAttemptService(assessments, attempts, courseDirectory, enrollmentDirectory, clock);
  const certificateService = createCertificateService(
    { certificates, assessments, attempts, settings: courseSettings, enrollments: enrollmentDirectory },
    clock,
  );
  const settings = options.certificates ?? defaultCertificateSettings();
  const signer = createUrlSigner(settings.urlSecret ?? randomBytes(32));
  let publicBaseUrl = settings.publicBaseUrl;
  const filesOrigin = (): string => publicBaseUrl ?? '';
  const certificateLinks = createCertificateLinks(
    signer,
    { files: filesOrigin, app: () => settings.appUrl ?? filesOrigin() },
    settings.urlTtlSeconds,
    options.now,
  );
  const consumerOptions = { bus, logger: runtime.logger, maxAttempts: runtime.events.consumerMaxAttempts };
  const server = createSubgraphServer<Context, Resolvers>({
    name: ASSESSMENTS_SUBGRAPH,
    typeDefs: readTypeDefs(path.join(__dirname, 'schema.graphql')),
    resolvers,
    context: async (req) => ({
      viewer: await runtime.viewerFrom(req),
      loaders: createAssessmentLoaders({ assessments, directory: courseDirectory, attempts, certificates, settings: courseSettings }),
      assessmentService,
      attemptService,
      certificateService,
      certificateLinks,
    }),
    logger: runtime.logger,
    guards: runtime.guards,
    plugins: runtime.plugins,
    maskInternalErrors: runtime.maskInternalErrors,
    ready: () => runtime.store.ping(),
    // Signed links are their own authorisation: no gateway secret, so clients can follow them.
    routes: (app) =>
      void app.get(
        `${CERTIFICATE_PDF_ROUTE}/:file`,
        certificatePdfRoute({ signer, certificates, courses: courseDirectory, certificateService, links: certificateLinks }),
      ),
    background: [
      { name: 'assessments.outbox-relay', start: () => relay.start(), stop: () => relay.stop() },
      courseViewConsumer({ ...consumerOptions, directory: courseDirectory }),
      projectionTask({ ...consumerOptions, groupId: ENROLLMENT_VIEW_GROUP, handlers: enrollmentViewHandlers(enrollmentDirectory) }),
      projectionTask({ ...consumerOptions, groupId: CERTIFICATE_ISSUER_GROUP, handlers: certificateIssuerHandlers(certificateService) }),
    ],
  });
  return {
    ...server,
    async listen(port: number, host?: string) {
      const running = await server.listen(port, host);
      // Without a configured public origin, links point at this server itself (embedded mode, tests).
      publicBaseUrl ??= new URL(running.url).origin;
      return running;
    },
    /** Points certificate PDF links at the origin clients reach (the gateway, which forwards `/certificates/*`). */
    setPublicBaseUrl(url: string) {
      publicBaseUrl = url.replace(/\/+$/, '');
    },
    assessments,
    attempts,
    certificates,
    courseDirectory,
    enrollmentDirectory,
    certificateService,
    relay,
  };
}
