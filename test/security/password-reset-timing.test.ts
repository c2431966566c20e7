import { createLogger, openDocumentStore, type DocumentStore } from '@skillgraph/platform';
import { openAccountTokenRepository } from '@skillgraph/users/src/data/account-token-repository';
import { openRefreshTokenRepository } from '@skillgraph/users/src/data/refresh-token-repository';
import { openUserRepository } from '@skillgraph/users/src/data/user-repository';
import { createRecoveryThrottle } from '@skillgraph/users/src/identity';
import { createAccountRecoveryService } from '@skillgraph/users/src/services/account-recovery';
import { randomBytes } from 'node:crypto';

// A timing assertion would be flaky on a busy machine; instead: what runs before the answer. The
// median times are a benchmark figure (bench/password-reset.bench.ts).
describe('case 9: requestPasswordReset answers before any work that depends on whether the address exists', () => {
  let store: DocumentStore;
  afterEach(async () => {
    await store?.close();
  });

  async function recoveryOverRealRepositories() {
    store = await openDocumentStore({ inMemory: true });
    const users = await openUserRepository(store);
    const accountTokens = await openAccountTokenRepository(store);
    const now = new Date();
    await users.insertMany([
      {
        _id: 'u1',
        name: 'Alan Turing',
        email: 'alan@example.org',
        emailKey: 'alan@example.org',
        passwordHash: 'x',
        role: 'STUDENT',
        createdAt: now,
        updatedAt: now,
      },
    ]);
    const recovery = createAccountRecoveryService({
      users,
      refreshTokens: await openRefreshTokenRepository(store),
      accountTokens,
      throttle: createRecoveryThrottle(),
      tokenKey: randomBytes(32),
      clock: () => new Date(),
      outbox: { notify: () => undefined },
      logger: createLogger({ service: 'test', level: 'silent' }),
    });
    return { recovery, lookups: jest.spyOn(users, 'findByEmailKey'), tokenWrites: jest.spyOn(accountTokens, 'insert') };
  }

  it('an existing and an unknown address: nothing looked up, minted or staged before the answer; the job does it after', async () => {
    const { recovery, lookups, tokenWrites } = await recoveryOverRealRepositories();

    expect(await recovery.requestPasswordReset('Alan@Example.org', '192.0.2.1')).toBe(true);
    expect(lookups).not.toHaveBeenCalled();
    expect(tokenWrites).not.toHaveBeenCalled();

    expect(await recovery.requestPasswordReset('nobody@example.org', '192.0.2.2')).toBe(true);
    expect(lookups).not.toHaveBeenCalled();
    expect(tokenWrites).not.toHaveBeenCalled();

    // The queued jobs do the real work: one lookup each, one token for the account that exists.
    await recovery.drain();
    expect(lookups.mock.calls).toEqual([['alan@example.org'], ['nobody@example.org']]);
    expect(tokenWrites).toHaveBeenCalledTimes(1);
    expect(tokenWrites.mock.calls[0]![0]).toMatchObject({ purpose: 'PASSWORD_RESET', userId: 'u1' });
  });
});
