import { randomBytes } from 'node:crypto';
import { createEvent, newId, type AnyEvent } from '@skillgraph/platform';
import { sealContext, sealToken } from '@skillgraph/platform/src/mail';
import { startMailStack, waitFor, type MailStack } from './support/harness';

// 500 events in a burst: the configured rate holds in every window, nothing is lost or doubled,
// and a password reset queued behind them goes out before them.

const RATE_LIMIT = 10; // 1200 per minute
const WINDOW_MS = 500;
const CONCURRENCY = 8;
const BURST = 500;
const tokenKey = randomBytes(32);

let mail: MailStack;
beforeAll(async () => {
  mail = await startMailStack({ delivery: { rateLimit: RATE_LIMIT, rateWindowMs: WINDOW_MS }, tokenKey, concurrency: CONCURRENCY });
});
afterAll(async () => {
  await mail?.stop();
});

test(`${BURST} events in a burst: at most ${RATE_LIMIT} per ${WINDOW_MS} ms window, every email exactly once, security mail first`, async () => {
  const addresses = Array.from({ length: BURST }, (_, i) => `burst-${i}@example.org`);
  const events: AnyEvent[] = addresses.map((email, i) => createEvent('USER_REGISTERED', { user_id: newId(), email, name: `Burst ${i}`, provider: 'password' }));
  await mail.stack.bus.publish(
    'user.events',
    events.map((event) => ({ key: (event as { user_id: string }).user_id, event })),
  );

  // A reset requested right after the burst, behind 500 queued welcome emails.
  const resetUser = newId();
  const reset = createEvent('PASSWORD_RESET_REQUESTED', {
    user_id: resetUser,
    email: 'urgent@example.org',
    name: 'Urgent',
    sealed_token: sealToken(tokenKey, 'sga_' + randomBytes(32).toString('base64url'), sealContext('PASSWORD_RESET_REQUESTED', resetUser)),
    expires_at: new Date(Date.now() + 30 * 60_000).toISOString(),
  });
  await mail.stack.bus.publish('user.events', [{ key: resetUser, event: reset }]);

  await waitFor(`all ${BURST + 1} emails`, () => mail.smtp.received.length >= BURST + 1, 120_000);

  // Nothing lost, nothing doubled.
  const welcomed = mail.smtp.received.filter((message) => message.subject === 'Welcome to SkillGraph').flatMap((message) => message.to);
  expect(welcomed).toHaveLength(BURST);
  expect(new Set(welcomed)).toEqual(new Set(addresses));
  // The SMTP peer has a message before the notifier records it SENT: wait for the last records of
  // the messages in flight, then the count must be exact (a doubled send would exceed it).
  const sent = () => mail.stack.notifications.notifications.countByStatus('SENT');
  await waitFor(`all ${BURST + 1} notifications recorded SENT`, async () => (await sent()) >= BURST + 1);
  expect(await sent()).toBe(BURST + 1);

  // The rate: counted per clock-aligned window by arrival. An email counted in one window may
  // arrive early in the next while in flight, so a window may hold the limit plus what was in flight.
  const perWindow = new Map<number, number>();
  for (const message of mail.smtp.received) {
    const window = Math.floor(message.receivedAt / WINDOW_MS);
    perWindow.set(window, (perWindow.get(window) ?? 0) + 1);
  }
  expect(Math.max(...perWindow.values())).toBeLessThanOrEqual(RATE_LIMIT + CONCURRENCY);
  expect(perWindow.size).toBeGreaterThanOrEqual(Math.ceil((BURST + 1) / (RATE_LIMIT + CONCURRENCY)));

  // Priority: the reset jumped the queue of welcome emails that were waiting for the rate.
  const resetPosition = mail.smtp.received.findIndex((message) => message.to.includes('urgent@example.org'));
  expect(resetPosition).toBeGreaterThanOrEqual(0);
  expect(resetPosition).toBeLessThan(BURST / 2);
}, 180_000);
