import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createOutboxRelay, createSubgraphServer, readTypeDefs, type SubgraphRuntime } from '@skillgraph/platform';
import { UPLOAD_ROUTE, embeddedUploadHandler, graphqlUploads, openMediaStorage, storageWriteProbe, type MediaStorage } from '@skillgraph/platform/src/storage';
import { defaultMediaSettings, type MediaSettings } from './config';
import type { Context } from './context';
import { openBlobRepository } from './data/blob-repository';
import { openCourseDirectory } from './data/course-directory';
import { createMediaLoaders } from './data/loaders';
import { openMediaAssetRepository } from './data/media-asset-repository';
import { openUsageRepository } from './data/usage-repository';
import { mediaCourseViewConsumer } from './events/course-view';
import { resolvers } from './resolvers';
import { fileRoute } from './routes/file-route';
import { cleanupTask } from './services/cleanup';
import { createMediaService } from './services/media-service';
import { createUploadService } from './services/upload-service';
import { FILE_ROUTE, createUrlService } from './services/url-service';
import { createReprocessService } from './worker/reprocess';

export const MEDIA_SUBGRAPH = 'media';

export interface MediaSubgraphOptions {
  /** The object store; default: embedded storage under `dataDir/media`, or in a temporary folder removed on stop. */
  storage?: MediaStorage;
  /** Embedded files (and the URL signing secret) live under `<dataDir>/media`. */
  dataDir?: string;
  settings?: MediaSettings;
  /** The origin clients reach (the gateway); settable later with `setPublicBaseUrl`. */
  publicBaseUrl?: string;
}

/** Builds the media subgraph over the runtime's store, bus and object storage; nothing listens until `listen`. */
export async function buildMediaSubgraph(runtime: SubgraphRuntime, options: MediaSubgraphOptions = {}) {
  let publicBaseUrl = options.publicBaseUrl ?? 'http://127.0.0.1:4000';
  const baseUrl = () => publicBaseUrl;
  let scratch: string | undefined;
  const directory = options.dataDir ? path.join(options.dataDir, 'media') : undefined;
  const mediaStorage =
    options.storage ??
    (await openMediaStorage({ directory: directory ?? (scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'skillgraph-media-'))), urlSecret: null }, baseUrl));
  const settings = options.settings ?? defaultMediaSettings();
  const { storage, signer } = mediaStorage;

  const assets = await openMediaAssetRepository(runtime.store);
  const blobs = await openBlobRepository(runtime.store);
  const usage = await openUsageRepository(runtime.store);
  const courses = await openCourseDirectory(runtime.store);
  const relay = createOutboxRelay({ bus: runtime.events.bus, sources: [assets.outboxSource], logger: runtime.logger, ...runtime.events.relay });
  const deps = { assets, blobs, usage, courses, storage, settings, outbox: relay };
  const media = createMediaService(deps);
  const uploads = createUploadService(deps);
  const urls = createUrlService({ settings, signer, cloudfront: mediaStorage.cloudfront, publicBaseUrl: baseUrl });
  const reprocess = createReprocessService(assets, () => relay.notify());
  const storageWritable = storageWriteProbe(storage);

  const server = createSubgraphServer<Context, typeof resolvers>({
    name: MEDIA_SUBGRAPH,
    typeDefs: readTypeDefs(path.join(__dirname, 'schema.graphql')),
    resolvers,
    context: async (req) => ({ viewer: await runtime.viewerFrom(req), loaders: createMediaLoaders(assets, courses), media, uploads, urls, reprocess }),
    logger: runtime.logger,
    guards: runtime.guards,
    plugins: runtime.plugins,
    maskInternalErrors: runtime.maskInternalErrors,
    // Unready while either store cannot write: uploads would fail, so traffic should go elsewhere.
    ready: async () => {
      await Promise.all([runtime.store.ping(), storageWritable()]);
    },
    routes: (app) => {
      // Multipart GraphQL requests (uploadMedia): parsed as a stream after the gateway check; the
      // files are read in order by the resolver, never buffered whole.
      app.use('/graphql', ...runtime.guards, graphqlUploads({ maxFileSize: settings.maxGraphqlUploadBytes + 1, maxFiles: 10 }));
      if (mediaStorage.embedded)
        app.use(
          UPLOAD_ROUTE,
          ...runtime.guards,
          embeddedUploadHandler(mediaStorage.embedded, signer, { uploadState: (key) => uploads.stagedUploadState(key) }),
        );
      app.use(
        FILE_ROUTE,
        ...runtime.guards,
        fileRoute({ assets, courses, storage, signer, cloudfront: mediaStorage.cloudfront, viewerFrom: runtime.viewerFrom }),
      );
    },
    background: [
      { name: 'media.outbox-relay', start: () => relay.start(), stop: () => relay.stop() },
      mediaCourseViewConsumer({ bus: runtime.events.bus, directory: courses, logger: runtime.logger, maxAttempts: runtime.events.consumerMaxAttempts }),
      cleanupTask({ ...deps, logger: runtime.logger, stagedUploadState: (key) => uploads.stagedUploadState(key) }),
      ...(scratch ? [{ name: 'media.scratch', start: () => undefined, stop: () => fs.rm(scratch!, { recursive: true, force: true }) }] : []),
    ],
  });
  return {
    ...server,
    assets,
    blobs,
    usage,
    courses,
    /** The course projection under the name the demo seed writes to. */
    courseDirectory: courses,
    storage,
    relay,
    /** The origin signed URLs point at; the stack sets it once the gateway listens. */
    setPublicBaseUrl(url: string) {
      publicBaseUrl = url.replace(/\/+$/, '');
    },
  };
}
