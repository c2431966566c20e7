import path from 'node:path';
import { createSubgraphServer, readTypeDefs, type SubgraphRuntime } from '@skillgraph/platform';
import type { MailDeliverySettings, MailTransport } from '@skillgraph/platform/src/mail';
import type { Context } from './context';
import { openNotificationRepository } from './data/notification-repository';
import { openPreferenceRepository } from './data/preference-repository';
import { openRecipientDirectory } from './data/recipient-directory';
import { createDispatcher } from './delivery/dispatcher';
import type { RateRedis } from './delivery/rate-gate';
import { mailRequestConsumer, mailRequestHandlers } from './events/mail-requests';
import type { Resolvers } from './generated/resolvers-types';
import { resolvers } from './resolvers';
import { createNotificationService } from './services/notification-service';
import { createMailRenderer } from './templates/render';

export const NOTIFICATIONS_SUBGRAPH = 'notifications';

export interface NotificationsMail {
  /** SMTP or `.eml` files (see `openMailTransport`). */
  transport: MailTransport;
  /** Opens the tokens the users subgraph sealed (MAIL_TOKEN_KEY). */
  tokenKey: Buffer;
  /** Base of the links in messages. */
  appUrl: string;
  delivery: MailDeliverySettings;
  /** Counts the rate in Redis, shared by every notifications replica (MAIL_RATE_REDIS_URL). */
  rateRedis?: RateRedis;
  /** Sends in flight at once (default 4). */
  concurrency?: number;
  clock?: () => Date;
}

/**
 * Builds the notifications subgraph and its worker over the runtime's store and bus: the
 * consumer that queues emails from events and the dispatcher that sends them both start with
 * `listen` and stop after the HTTP drain. The transport is closed by whoever opened it.
 */
export async function buildNotificationsSubgraph(runtime: SubgraphRuntime, mail: NotificationsMail) {
  const { bus } = runtime.events;
  const clock = mail.clock ?? (() => new Date());
  const notifications = await openNotificationRepository(runtime.store);
  const recipients = await openRecipientDirectory(runtime.store);
  const preferences = await openPreferenceRepository(runtime.store);
  const renderer = createMailRenderer(mail.appUrl);
  const dispatcher = createDispatcher({
    notifications,
    recipients,
    transport: mail.transport,
    renderer,
    tokenKey: mail.tokenKey,
    appUrl: mail.appUrl,
    bus,
    settings: mail.delivery,
    logger: runtime.logger.child({ component: 'mail-dispatcher' }),
    ...(mail.concurrency ? { concurrency: mail.concurrency } : {}),
    ...(mail.rateRedis ? { rateRedis: mail.rateRedis } : {}),
    clock,
  });
  const handlers = mailRequestHandlers({
    notifications,
    preferences,
    recipients,
    renderer,
    appUrl: mail.appUrl,
    clock,
    onQueued: () => dispatcher.nudge(),
    logger: runtime.logger,
  });
  const notificationService = createNotificationService(notifications, preferences, clock);
  const server = createSubgraphServer<Context, Resolvers>({
    name: NOTIFICATIONS_SUBGRAPH,
    typeDefs: readTypeDefs(path.join(__dirname, 'schema.graphql')),
    resolvers,
    context: async (req) => ({
      viewer: await runtime.viewerFrom(req),
      notificationService,
    }),
    logger: runtime.logger,
    guards: runtime.guards,
    plugins: runtime.plugins,
    maskInternalErrors: runtime.maskInternalErrors,
    ready: () => runtime.store.ping(),
    background: [
      mailRequestConsumer({
        bus,
        handlers,
        logger: runtime.logger,
        ...(runtime.events.consumerMaxAttempts ? { maxAttempts: runtime.events.consumerMaxAttempts } : {}),
      }),
      { name: 'notifications.dispatcher', start: () => dispatcher.start(), stop: () => dispatcher.stop() },
    ],
  });
  return { ...server, notifications, recipients, preferences, dispatcher };
}
