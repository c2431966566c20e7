import { z } from 'zod';
import { loadConfig, processEnv, type Env } from '@skillgraph/platform';

/**
 * Settings of the users subgraph process beyond the common ones (docs/edge.md). Every bad value is
 * reported at once.
 */
export const usersEnvSchema = z.object({
  /**
   * When set, failed sign-ins (and reset/verification requests) are counted in this Redis, the one
   * the gateway's rate limits use, so every users replica counts together. Unset: each process
   * counts on its own in memory.
   */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/.+/, 'must start with redis:// or rediss://')
    .optional(),
});

export interface UsersSettings {
  /** Null: login and recovery throttles count in memory, per process. */
  throttleRedisUrl: string | null;
}

export function loadUsersSettings(source: Env = processEnv()): UsersSettings {
  const env = loadConfig('users', usersEnvSchema, source);
  return { throttleRedisUrl: env.REDIS_URL ?? null };
}
