import type { ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import { createRateLimit, type RateLimit } from '@skillgraph/platform/src/auth/throttle';
import { ErrorCode } from '@skillgraph/platform/src/errors';
import type { Redis } from 'ioredis';
import { errorResponseHeaders } from './error-headers';

export interface RateLimitSettings {
  windowSeconds: number;
  /** Requests per window per client address; 0 = no limit. */
  perClient: number;
  /** Requests per window per signed-in user; 0 = no limit. */
  perUser: number;
}

export interface GatewayRateLimits {
  /**
   * Per client address (X-Forwarded-For honoured only from TRUSTED_PROXIES): true to go on, false
   * when it answered 429. Synchronous when there is no per-client limit (the common hot path).
   */
  admitClient(clientAddress: string, method: string | undefined, res: ServerResponse): boolean | Promise<boolean>;
  /** Throws a 429 GraphQLError when the user is over their limit; call after authentication. */
  checkUser(userId: string): Promise<void>;
}

const retryAfterSeconds = (ms: number): string => String(Math.max(1, Math.ceil(ms / 1000)));

/**
 * Per-client and per-user request limits. Both count in one store: this process's memory, or
 * Redis when `redis` is given, so every gateway replica draws from the same budget.
 */
export function createGatewayRateLimits(
  settings: RateLimitSettings,
  redis: Redis | undefined,
  onRefused?: (scope: 'client' | 'user') => void,
): GatewayRateLimits {
  const store = redis ? { redis } : {};
  const clients: RateLimit | undefined =
    settings.perClient > 0
      ? createRateLimit({ keyPrefix: 'rl:client', points: settings.perClient, windowSeconds: settings.windowSeconds, ...store })
      : undefined;
  const users: RateLimit | undefined =
    settings.perUser > 0 ? createRateLimit({ keyPrefix: 'rl:user', points: settings.perUser, windowSeconds: settings.windowSeconds, ...store }) : undefined;
  const body = JSON.stringify({ errors: [{ message: 'Too many requests. Try again later.', extensions: { code: ErrorCode.RateLimited } }] });

  return {
    admitClient(clientAddress, method, res) {
      if (!clients || method === 'OPTIONS') return true;
      return clients.consume(clientAddress).then((verdict) => {
        if (verdict.allowed) return true;
        onRefused?.('client');
        res.writeHead(429, { 'retry-after': retryAfterSeconds(verdict.retryAfterMs), 'content-type': 'application/json; charset=utf-8' }).end(body);
        return false;
      });
    },
    async checkUser(userId) {
      if (!users) return;
      const verdict = await users.consume(userId);
      if (verdict.allowed) return;
      onRefused?.('user');
      throw new GraphQLError('Too many requests. Try again later.', {
        extensions: {
          code: ErrorCode.RateLimited,
          http: { status: 429, headers: errorResponseHeaders([['retry-after', retryAfterSeconds(verdict.retryAfterMs)]]) },
        },
      });
    },
  };
}
