import { runSubgraph } from '@skillgraph/platform';
import { loadMailConfig, openMailTokenKey } from '@skillgraph/platform/src/mail';
import { loadUsersSettings } from './config';
import { openSharedThrottles } from './identity';
import { buildUsersSubgraph, usersIdentity } from './server';

// Distributed mode: the users subgraph alone; it signs tokens, so it opens the key ring. It seals
// emailed tokens with the key the notifications service opens them with (MAIL_TOKEN_KEY).
// With REDIS_URL, failed sign-ins are counted in Redis so every replica counts together.
void runSubgraph(
  'users',
  async (runtime, { config, keyRing }) => {
    const settings = loadUsersSettings();
    const mail = loadMailConfig(undefined, 'users');
    const mailTokenKey = await openMailTokenKey({ ...(mail.tokenKey ? { configured: mail.tokenKey } : {}), dataDir: config.dataDir });
    const throttles = settings.throttleRedisUrl ? openSharedThrottles(settings.throttleRedisUrl).throttles : {};
    return buildUsersSubgraph(runtime, { ...usersIdentity(config.auth, keyRing, mailTokenKey), ...throttles });
  },
  4001,
  { issuer: true, settings: [loadUsersSettings, (env) => loadMailConfig(env, 'users')] },
);
