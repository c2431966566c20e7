import { openRateLimitRedis, runSubgraph } from '@skillgraph/platform';
import { loadMailConfig, openMailTokenKey, openMailTransport } from '@skillgraph/platform/src/mail';
import { buildNotificationsSubgraph } from './server';

// Distributed mode: the notifications subgraph and its worker (consumer + dispatcher) alone.
// Mail settings: SMTP_URL, MAIL_* and APP_URL (docs/notifications.md).
void runSubgraph(
  'notifications',
  async (runtime, { config }) => {
    const mail = loadMailConfig(undefined, 'notifications');
    const tokenKey = await openMailTokenKey({ ...(mail.tokenKey ? { configured: mail.tokenKey } : {}), dataDir: config.dataDir });
    const transport = openMailTransport(mail, runtime.logger);
    const rateRedis = mail.delivery.rateRedisUrl ? openRateLimitRedis(mail.delivery.rateRedisUrl) : undefined;
    return buildNotificationsSubgraph(runtime, { transport, tokenKey, appUrl: mail.appUrl, delivery: mail.delivery, ...(rateRedis ? { rateRedis } : {}) });
  },
  4005,
  { settings: [(env) => loadMailConfig(env, 'notifications')] },
);
