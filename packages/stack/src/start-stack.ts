import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  loadEventsConfig,
  openDocumentStore,
  openEventBus,
  type EventBus,
  type EventsConfig,
  type KeyRing,
  type DocumentStore,
  type Logger,
  type RunningServer,
  type SubgraphRuntime,
} from '@skillgraph/platform';
import { groupsOfService, observeEventBus } from '@skillgraph/platform/src/observability';
import { openMediaStorage, type StorageConfig } from '@skillgraph/platform/src/storage';
import { createGatewayServer } from '@skillgraph/gateway';
import type { EdgeSettings } from '@skillgraph/gateway/src/config';
import { buildUsersSubgraph } from '@skillgraph/users';
import type { UsersSettings } from '@skillgraph/users/src/config';
import { openSharedThrottles, type SharedThrottles } from '@skillgraph/users/src/identity';
import { buildCoursesSubgraph } from '@skillgraph/courses';
import { buildAssessmentsSubgraph } from '@skillgraph/assessments';
import type { CertificateSettings } from '@skillgraph/assessments/src/config';
import { buildMediaSubgraph, type MediaSubgraphOptions } from '@skillgraph/media';
import { loadWorkerConfig, type WorkerConfig } from '@skillgraph/media/src/worker/config';
import { createMediaWorker, type MediaWorker } from '@skillgraph/media/src/worker/media-worker';
import { buildNotificationsSubgraph } from '@skillgraph/notifications';
import { openStackMail, type StackMail, type StackMailOptions } from './mail';
import { loadDemoData, type SeedTargets } from './seed';
import { openStackTrust, usersKeysDir, type StackAuthOptions } from './trust';

export const SUBGRAPH_NAMES = ['users', 'courses', 'assessments', 'media', 'notifications'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export type StackStorage = { kind: 'memory' } | { kind: 'files'; dataDir: string } | { kind: 'mongo'; uri: string };

export interface StackOptions {
  storage: StackStorage;
  logger: Logger;
  /** The supergraph the gateway serves and hot-reloads. */
  supergraphPath: string;
  /** Interface to bind. Default 127.0.0.1. */
  host?: string;
  /** Ports by service; 0 or absent picks a free one. */
  ports?: Partial<Record<SubgraphName | 'gateway', number>>;
  /** Load the demo dataset when the store is empty. Default false. */
  seed?: boolean;
  /** Sandbox landing page and introspection on the gateway. Default false. */
  development?: boolean;
  /** Extra Apollo plugins per subgraph (tests count operations with them). */
  subgraphPlugins?: Partial<Record<SubgraphName, ApolloServerPlugin<BaseContext>[]>>;
  /** Token settings and keys (`privateKeysPem`); defaults as documented in docs/identity.md. */
  auth?: StackAuthOptions;
  /**
   * Where events go. Default: one embedded bus shared by all subgraphs, logging under
   * `<dataDir>/events` for file storage, else under a temporary folder removed by `stop()`.
   */
  events?: EventsConfig;
  /** Where emails go (SMTP or `.eml` files), the rate and retries; see docs/notifications.md. */
  mail?: StackMailOptions;
  /** Media storage and settings; default embedded files under `<dataDir>/media` (or a temporary folder). */
  media?: MediaSubgraphOptions;
  /**
   * Opens the media storage this configuration names (`loadStorageConfig`: S3, CloudFront, the URL
   * secret); `media.storage` wins when both are given.
   */
  mediaStorage?: StorageConfig;
  /** The origin media URLs name (MEDIA_PUBLIC_URL); default the gateway's own. */
  mediaPublicUrl?: string;
  /** Certificate PDF links (`loadCertificateSettings`); default a per-process secret, 2 h, the gateway's origin. */
  certificates?: CertificateSettings;
  /** The users subgraph's own settings (`loadUsersSettings`); default sign-in throttles in memory. */
  users?: UsersSettings;
  /** The gateway's limits, rate limits, CORS, breakers (`loadEdgeSettings`); default those of this process's environment. */
  edge?: EdgeSettings;
  /** How long the gateway waits for a subgraph (SUBGRAPH_TIMEOUT_MS); default 10 s. */
  subgraphTimeoutMs?: number;
  /** The media worker (scan, thumbnails, HLS, text) runs in this process; default settings without a scanner. `false`: none. */
  mediaWorker?: WorkerConfig | false;
  /** The built web client the gateway serves at `/` (`web/dist` for `npm start`). Default: none. */
  webClientDir?: string;
}

export interface Stack {
  gatewayUrl: string;
  subgraphUrls: Record<SubgraphName, string>;
  stores: Record<SubgraphName, DocumentStore>;
  /** Each subgraph's repositories, for fixtures that are faster to write than to create by API. */
  repositories: SeedTargets;
  /** Whether this start loaded the demo dataset. */
  seeded: boolean;
  /** The secret generated for this start; subgraphs refuse requests without it (tests call them directly). */
  gatewaySecret: string;
  /** The signing keys (tests rotate them). */
  keyRing: KeyRing;
  /** The event bus every subgraph publishes to. */
  bus: EventBus;
  /** The notifications subgraph's repositories and dispatcher (tests inspect delivery records). */
  notifications: Awaited<ReturnType<typeof buildNotificationsSubgraph>>;
  stop(): Promise<void>;
}

function openStore(storage: StackStorage, name: SubgraphName): Promise<DocumentStore> {
  switch (storage.kind) {
    case 'memory':
      return openDocumentStore({ inMemory: true });
    case 'files':
      return openDocumentStore({ directory: path.join(storage.dataDir, name) });
    case 'mongo':
      // One database per subgraph, as each would have when deployed on its own.
      return openDocumentStore({ mongoUri: storage.uri, mongoDbName: `skillgraph_${name}` });
  }
}

/** Starts the four subgraphs and the gateway in this process; `stop()` undoes it in reverse. */
export async function startStack(options: StackOptions): Promise<Stack> {
  const host = options.host ?? '127.0.0.1';
  const started: RunningServer[] = [];
  const stores = {} as Record<SubgraphName, DocumentStore>;
  let bus: EventBus | undefined;
  let scratchDir: string | undefined;
  let mail: StackMail | undefined;
  let mediaWorker: MediaWorker | undefined;
  let throttles: SharedThrottles | undefined;
  const stopAll = async (): Promise<void> => {
    await mediaWorker?.stop();
    for (const server of started.reverse()) await server.stop();
    throttles?.close();
    await mail?.close();
    await bus?.close();
    await Promise.all(Object.values(stores).map((store) => store.close()));
    if (scratchDir) await fs.rm(scratchDir, { recursive: true, force: true });
  };
  try {
    for (const name of SUBGRAPH_NAMES) stores[name] = await openStore(options.storage, name);
    let eventsConfig = options.events;
    if (!eventsConfig) {
      const dataDir =
        options.storage.kind === 'files' ? options.storage.dataDir : (scratchDir = await fs.mkdtemp(path.join(os.tmpdir(), 'skillgraph-events-')));
      eventsConfig = loadEventsConfig({ DATA_DIR: dataDir, EVENTS_FSYNC: scratchDir ? 'false' : 'true' }, 'skillgraph');
    }
    bus = await openEventBus(eventsConfig, { logger: options.logger.child({ component: 'events' }) });
    const events = { bus, relay: eventsConfig.relay, consumerMaxAttempts: eventsConfig.consumerMaxAttempts };
    const trust = await openStackTrust({
      keysDir: options.storage.kind === 'files' ? usersKeysDir(options.storage.dataDir) : null,
      logger: options.logger,
      ...(options.auth ? { auth: options.auth } : {}),
    });
    const runtime = (name: SubgraphName): SubgraphRuntime => ({
      store: stores[name],
      logger: options.logger.child({ subgraph: name }),
      viewerFrom: trust.subgraph.viewerFrom,
      guards: trust.subgraph.guards,
      plugins: options.subgraphPlugins?.[name] ?? [],
      events,
    });
    mail = await openStackMail(options.mail, options.storage.kind === 'files' ? options.storage.dataDir : null, options.logger);
    // One key seals emailed tokens in the users subgraph and opens them in notifications.
    if (options.users?.throttleRedisUrl) throttles = openSharedThrottles(options.users.throttleRedisUrl);
    const users = await buildUsersSubgraph(runtime('users'), { ...trust.users, mailTokenKey: mail.mail.tokenKey, ...throttles?.throttles });
    const courses = await buildCoursesSubgraph(runtime('courses'));
    const assessments = await buildAssessmentsSubgraph(runtime('assessments'), options.certificates ? { certificates: options.certificates } : {});
    // Until the gateway listens, its origin is unknown: configured storage signs for whatever this holds then.
    let mediaOrigin = options.mediaPublicUrl ?? 'http://127.0.0.1:4000';
    const mediaStorage = options.mediaStorage && !options.media?.storage ? await openMediaStorage(options.mediaStorage, () => mediaOrigin) : undefined;
    const media = await buildMediaSubgraph(runtime('media'), {
      ...(options.storage.kind === 'files' ? { dataDir: options.storage.dataDir } : {}),
      ...(mediaStorage ? { storage: mediaStorage } : {}),
      ...(options.mediaPublicUrl ? { publicBaseUrl: options.mediaPublicUrl } : {}),
      ...options.media,
    });
    const notifications = await buildNotificationsSubgraph(runtime('notifications'), mail.mail);

    const seedTargets: SeedTargets = { users, courses, assessments, media, notifications };
    const seeded = options.seed ? await loadDemoData(seedTargets, { onlyIfEmpty: true }) : false;

    const subgraphUrls = {} as Record<SubgraphName, string>;
    const servers = { users, courses, assessments, media, notifications };
    // Each subgraph's /metrics shows the dead letters and lag of its own consumer groups.
    for (const name of SUBGRAPH_NAMES) observeEventBus(servers[name].metrics, bus, { groups: groupsOfService(name) });
    for (const name of SUBGRAPH_NAMES) {
      const running = await servers[name].listen(options.ports?.[name] ?? 0, host);
      started.push(running);
      subgraphUrls[name] = running.url;
    }
    const gateway = createGatewayServer({
      supergraphPath: options.supergraphPath,
      subgraphUrls,
      logger: options.logger.child({ component: 'gateway' }),
      development: options.development ?? false,
      ...(options.webClientDir ? { webClientDir: options.webClientDir } : {}),
      ...(options.edge ? { edge: options.edge } : {}),
      ...(options.subgraphTimeoutMs ? { subgraphTimeoutMs: options.subgraphTimeoutMs } : {}),
      ...trust.gateway,
    });
    const runningGateway = await gateway.listen(options.ports?.gateway ?? 0, host);
    const origin = new URL(runningGateway.url).origin;
    // Signed media URLs point at the one public origin, known only now (unless MEDIA_PUBLIC_URL names a CDN).
    if (!options.mediaPublicUrl) {
      mediaOrigin = origin;
      media.setPublicBaseUrl(origin);
    }
    // Certificate PDF links too: the gateway forwards /certificates/* to the assessments subgraph.
    if (!options.certificates?.publicBaseUrl) assessments.setPublicBaseUrl(origin);
    // And the web client's pages: opened under another name (localhost for 127.0.0.1), its media
    // and uploads would be cross-origin.
    gateway.setPublicOrigin(origin);
    started.push(runningGateway);
    if (options.mediaWorker !== false) {
      const workerConfig =
        options.mediaWorker ??
        loadWorkerConfig(
          options.storage.kind === 'files'
            ? { DATA_DIR: options.storage.dataDir }
            : { MEDIA_WORKER_TMP_DIR: path.join(os.tmpdir(), 'skillgraph-media-worker') },
        );
      mediaWorker = await createMediaWorker({
        store: stores.media,
        assets: media.assets,
        storage: media.storage,
        bus,
        config: workerConfig,
        logger: options.logger,
        consumerMaxAttempts: eventsConfig.consumerMaxAttempts,
        metrics: media.metrics,
      });
      await mediaWorker.start();
    }
    return {
      gatewayUrl: runningGateway.url,
      subgraphUrls,
      stores,
      repositories: seedTargets,
      seeded,
      gatewaySecret: trust.gatewaySecret,
      keyRing: trust.keyRing,
      bus,
      notifications,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
