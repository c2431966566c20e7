import { runSubgraph } from '@skillgraph/platform';
import { loadMailConfig, openMailTokenKey } from '@skillgraph/platform/src/mail';
import { buildUsersSubgraph, usersIdentity } from './server';

// Distributed mode: the users subgraph alone; it signs tokens, so it opens the key ring. It seals
// emailed tokens with the key the notifications service opens them with (MAIL_TOKEN_KEY).
void runSubgraph(
  'users',
  async (runtime, { config, keyRing }) => {
    const mail = loadMailConfig(undefined, 'users');
    const mailTokenKey = await openMailTokenKey({ ...(mail.tokenKey ? { configured: mail.tokenKey } : {}), dataDir: config.dataDir });
    return buildUsersSubgraph(runtime, usersIdentity(config.auth, keyRing, mailTokenKey));
  },
  4001,
  { issuer: true },
);
