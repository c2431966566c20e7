import { runSubgraph } from '@skillgraph/platform';
import { buildUsersSubgraph, usersIdentity } from './server';

// Distributed mode: the users subgraph alone; it signs tokens, so it opens the key ring.
void runSubgraph('users', (runtime, { config, keyRing }) => buildUsersSubgraph(runtime, usersIdentity(config.auth, keyRing)), 4001, { issuer: true });
