import path from 'node:path';
import {
  createAccessTokenVerifier,
  createSubgraphTrust,
  generateGatewaySecret,
  generateSigningKey,
  KeyRing,
  keyRingFromPems,
  loadAuthConfig,
  localKeySource,
  openKeyRing,
  type AuthConfig,
  type Logger,
  type SubgraphTrust,
} from '@skillgraph/platform';
import { createGatewayIdentity, type GatewayIdentity } from '@skillgraph/gateway';
import { usersIdentity, type UsersIdentity } from '@skillgraph/users';

/**
 * Identity settings for the one-process stack; anything left out takes `loadAuthConfig`'s default
 * (15 min access tokens, 30 d refresh tokens, issuer `skillgraph`, audience `skillgraph-api`).
 */
export type StackAuthOptions = Partial<Omit<AuthConfig, 'gatewaySecret' | 'jwksUrl'>>;

export interface StackTrustOptions {
  /** Where generated keys are kept (`<dir>/keys/`); null keeps them in memory (tests, MongoDB storage). */
  keysDir: string | null;
  auth?: StackAuthOptions;
  logger: Logger;
}

/** Everything the stack wires for identity: one secret, one key ring, one verifier for all. */
export interface StackTrust {
  /** Generated at every start: the gateway and subgraphs share this process, so nothing else needs it. */
  gatewaySecret: string;
  keyRing: KeyRing;
  /** `viewerFrom` + `guards`, the same for every subgraph runtime. */
  subgraph: SubgraphTrust;
  /** `authenticate` + `forwardIdentity` for the gateway. */
  gateway: GatewayIdentity;
  /** What the users subgraph signs with. */
  users: UsersIdentity;
}

async function stackKeyRing(auth: AuthConfig, keysDir: string | null): Promise<KeyRing> {
  if (auth.privateKeysPem.length > 0) return keyRingFromPems(auth.privateKeysPem);
  // One process cannot disagree with itself, so generated keys are fine even in production here.
  if (keysDir) return openKeyRing({ privateKeysPem: [], dataDir: keysDir });
  return new KeyRing([await generateSigningKey()]);
}

/**
 * The embedded mode's trust: subgraphs and gateway verify with the ring directly (no JWKS hop
 * inside one process); the users subgraph still serves the JWKS for outside verifiers.
 */
export async function openStackTrust({ keysDir, auth: overrides = {}, logger }: StackTrustOptions): Promise<StackTrust> {
  const auth: AuthConfig = { ...loadAuthConfig({}, 'skillgraph'), ...overrides };
  const keyRing = await stackKeyRing(auth, keysDir);
  const gatewaySecret = generateGatewaySecret();
  const verifier = createAccessTokenVerifier({
    keys: localKeySource(keyRing),
    issuer: auth.issuer,
    audience: auth.audience,
    clockToleranceSeconds: auth.clockToleranceSeconds,
  });
  return {
    gatewaySecret,
    keyRing,
    subgraph: createSubgraphTrust({ gatewaySecret, verifier, logger: logger.child({ component: 'subgraph-trust' }) }),
    gateway: createGatewayIdentity({ verifier, gatewaySecret, logger: logger.child({ component: 'gateway' }) }),
    users: usersIdentity(auth, keyRing),
  };
}

/** Keys live next to the users subgraph's documents: `<DATA_DIR>/users/keys/`. */
export const usersKeysDir = (dataDir: string): string => path.join(dataDir, 'users');
