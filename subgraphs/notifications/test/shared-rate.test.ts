import { createEvent, newId } from '@skillgraph/platform';
import { startTestStack } from '../../../packages/stack/test/support/stack';
import { startRedis } from './support/redis-server';
import { FAST_DELIVERY, waitFor } from './support/harness';
import { startSmtpPeer } from './support/smtp-peer';

// Two notifications workers (two whole stacks, each with its own bus) counting their rate in one
// Redis: together they keep to the one limit.

const RATE_LIMIT = 8;
const WINDOW_MS = 2000;
const CONCURRENCY = 2; // per worker
const PER_WORKER = 30;

test('two workers sharing MAIL_RATE_REDIS_URL keep to one limit together', async () => {
  const redis = await startRedis();
  const smtp = await startSmtpPeer();
  const mailOptions = {
    smtpUrl: smtp.url,
    concurrency: CONCURRENCY,
    delivery: { ...FAST_DELIVERY, rateLimit: RATE_LIMIT, rateWindowMs: WINDOW_MS, rateRedisUrl: redis.url },
  };
  const stacks = [await startTestStack({ mail: mailOptions }), await startTestStack({ mail: mailOptions })];
  try {
    await Promise.all(
      stacks.map((stack, worker) =>
        stack.bus.publish(
          'user.events',
          Array.from({ length: PER_WORKER }, (_, i) => {
            const userId = newId();
            return {
              key: userId,
              event: createEvent('USER_REGISTERED', { user_id: userId, email: `w${worker}-${i}@example.org`, name: `W${worker} ${i}`, provider: 'password' }),
            };
          }),
        ),
      ),
    );
    await waitFor('every email', () => smtp.received.length >= 2 * PER_WORKER, 60_000);
    expect(new Set(smtp.received.flatMap((message) => message.to)).size).toBe(2 * PER_WORKER);

    const perWindow = new Map<number, number>();
    for (const message of smtp.received) {
      const window = Math.floor(message.receivedAt / WINDOW_MS);
      perWindow.set(window, (perWindow.get(window) ?? 0) + 1);
    }
    // Alone, each worker could send the whole limit in every window (twice the limit together).
    expect(Math.max(...perWindow.values())).toBeLessThanOrEqual(RATE_LIMIT + 2 * CONCURRENCY);
  } finally {
    for (const stack of stacks) await stack.stop();
    await smtp.stop();
    await redis.stop();
  }
}, 120_000);
