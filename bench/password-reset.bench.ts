/**
 * Password-reset request timing (npx tsx bench/password-reset.bench.ts): the users subgraph's
 * `requestPasswordReset` over real repositories (nedb in memory), for an address that has an
 * account and one that has none, interleaved, each request for a different account and from a
 * different client address (no throttle refusals). Times the answer only; the queued job is let
 * finish between requests, untimed. Prints both medians and their ratio: the answer
 * must not tell which emails are registered, so the ratio should stay near 1.
 *
 * Options: --requests <n> per kind (default 200).
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createLogger, openDocumentStore } from '../packages/platform/src';
import { openAccountTokenRepository } from '../subgraphs/users/src/data/account-token-repository';
import { openRefreshTokenRepository } from '../subgraphs/users/src/data/refresh-token-repository';
import { openUserRepository } from '../subgraphs/users/src/data/user-repository';
import type { UserRecord } from '../subgraphs/users/src/data/records';
import { createRecoveryThrottle } from '../subgraphs/users/src/identity';
import { createAccountRecoveryService } from '../subgraphs/users/src/services/account-recovery';

const argument = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const REQUESTS = argument('requests', 200);

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function main(): Promise<void> {
  const store = await openDocumentStore({ inMemory: true });
  const users = await openUserRepository(store);
  const now = new Date();
  const accounts: UserRecord[] = Array.from({ length: REQUESTS }, (_, index) => ({
    _id: `user-${index}`,
    name: `Person ${index}`,
    email: `person.${index}@example.org`,
    emailKey: `person.${index}@example.org`,
    passwordHash: 'not-used-here',
    role: 'STUDENT',
    createdAt: now,
    updatedAt: now,
  }));
  await users.insertMany(accounts);
  const recovery = createAccountRecoveryService({
    users,
    refreshTokens: await openRefreshTokenRepository(store),
    accountTokens: await openAccountTokenRepository(store),
    throttle: createRecoveryThrottle(),
    tokenKey: randomBytes(32),
    clock: () => new Date(),
    outbox: { notify: () => undefined },
    logger: createLogger({ service: 'bench', level: 'silent' }),
  });

  // The answer's time only; the queued job is then let finish (untimed), as it would between requests.
  const timed = async (email: string, address: string): Promise<number> => {
    const started = performance.now();
    await recovery.requestPasswordReset(email, address);
    const elapsed = performance.now() - started;
    await recovery.drain();
    return elapsed;
  };
  // A few of each first, so neither kind pays for warming up.
  for (let index = 0; index < 5; index += 1) {
    await timed(`warm.${index}@example.org`, `10.9.0.${index}`);
    await timed(accounts[index]!.email, `10.9.1.${index}`);
  }
  await recovery.drain();

  const existing: number[] = [];
  const missing: number[] = [];
  for (let index = 0; index < REQUESTS; index += 1) {
    const address = `10.${(index >> 8) & 255}.${index & 255}`;
    // Alternate which kind goes first, so neither always follows the other's queued job.
    if (index % 2 === 0) {
      existing.push(await timed(accounts[index]!.email, `${address}.1`));
      missing.push(await timed(`nobody.${index}@example.org`, `${address}.2`));
    } else {
      missing.push(await timed(`nobody.${index}@example.org`, `${address}.2`));
      existing.push(await timed(accounts[index]!.email, `${address}.1`));
    }
  }
  await recovery.drain();
  await store.close();

  const [withAccount, withoutAccount] = [median(existing), median(missing)];
  console.log(`requestPasswordReset, ${REQUESTS} requests each, interleaved (service over nedb in memory):`);
  console.log(`  address with an account: median ${withAccount.toFixed(3)} ms`);
  console.log(`  address with no account: median ${withoutAccount.toFixed(3)} ms`);
  console.log(`  ratio (with / without):  ${(withAccount / withoutAccount).toFixed(2)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
