import { ACCOUNT_POLICY, AttemptLimiter, LoginThrottle, MemoryAttemptStore, PAIR_POLICY, tooManyAttempts, type AttemptPolicy } from '../../src/auth';

const MINUTE = 60_000;

function fakeClock(start = Date.UTC(2030, 0, 1)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('attempt limiter', () => {
  const policy: AttemptPolicy = { maxFailures: 5, windowMs: 15 * MINUTE, baseLockoutMs: MINUTE, maxLockoutMs: 8 * MINUTE, forgetAfterMs: 24 * 60 * MINUTE };

  it('locks after 5 failures, unlocks after the lock-out, and doubles each next lock-out up to the cap', async () => {
    const clock = fakeClock();
    const limiter = new AttemptLimiter(new MemoryAttemptStore(clock.now), policy, clock.now);

    for (let failure = 1; failure <= 4; failure += 1) {
      expect(await limiter.recordFailure('ada')).toEqual({ allowed: true });
    }
    expect(await limiter.recordFailure('ada')).toEqual({ allowed: false, retryAfterMs: MINUTE });
    expect(await limiter.check('ada')).toEqual({ allowed: false, retryAfterMs: MINUTE });
    expect(await limiter.check('grace')).toEqual({ allowed: true }); // other keys are unaffected

    clock.advance(30_000);
    expect(await limiter.check('ada')).toEqual({ allowed: false, retryAfterMs: 30_000 });
    clock.advance(30_000);
    expect(await limiter.check('ada')).toEqual({ allowed: true });

    const lockouts: number[] = [];
    for (let episode = 0; episode < 5; episode += 1) {
      let verdict = await limiter.recordFailure('ada');
      for (let failure = 2; failure <= 5; failure += 1) verdict = await limiter.recordFailure('ada');
      if (verdict.allowed) throw new Error('expected a lock-out');
      lockouts.push(verdict.retryAfterMs);
      clock.advance(verdict.retryAfterMs);
    }
    expect(lockouts).toEqual([2, 4, 8, 8, 8].map((minutes) => minutes * MINUTE));
  });

  it('counts failures in a sliding window: old failures stop counting', async () => {
    const clock = fakeClock();
    const limiter = new AttemptLimiter(new MemoryAttemptStore(clock.now), policy, clock.now);
    for (let failure = 0; failure < 4; failure += 1) {
      await limiter.recordFailure('ada');
      clock.advance(5 * MINUTE); // failures at 0, 5, 10, 15 min
    }
    // At 20 min the failures at 0 and 5 min have left the window: 3 in it, no lock.
    expect(await limiter.recordFailure('ada')).toEqual({ allowed: true });
  });

  it('forgets lock-out growth after a quiet period, and on reset', async () => {
    const clock = fakeClock();
    const limiter = new AttemptLimiter(new MemoryAttemptStore(clock.now), policy, clock.now);
    const lockOnce = async () => {
      let verdict = await limiter.recordFailure('ada');
      for (let failure = 2; failure <= 5; failure += 1) verdict = await limiter.recordFailure('ada');
      return verdict;
    };
    await lockOnce();
    clock.advance(MINUTE);
    expect(await lockOnce()).toEqual({ allowed: false, retryAfterMs: 2 * MINUTE });
    clock.advance(25 * 60 * MINUTE);
    expect(await lockOnce()).toEqual({ allowed: false, retryAfterMs: MINUTE });
    await limiter.reset('ada');
    expect(await limiter.check('ada')).toEqual({ allowed: true });
  });
});

describe('login throttle', () => {
  it('locks the (account, address) pair after 5 failures: the account still signs in from elsewhere, the address into other accounts', async () => {
    const clock = fakeClock();
    const throttle = new LoginThrottle({ clock: clock.now });
    const attacker = '203.0.113.66';
    for (let failure = 0; failure < PAIR_POLICY.maxFailures - 1; failure += 1) {
      expect(await throttle.recordFailure('x@example.com', attacker)).toEqual({ allowed: true });
    }
    expect(await throttle.check('x@example.com', attacker)).toEqual({ allowed: true });
    expect(await throttle.recordFailure('x@example.com', attacker)).toEqual({ allowed: false, retryAfterMs: MINUTE });
    // Address A is locked for account X only.
    expect(await throttle.check('x@example.com', attacker)).toEqual({ allowed: false, retryAfterMs: MINUTE });
    // The same account from address B, and address A into account Y, are not.
    expect(await throttle.check('x@example.com', '198.51.100.7')).toEqual({ allowed: true });
    expect(await throttle.check('y@example.com', attacker)).toEqual({ allowed: true });
    // The owner signing in from B does not unlock A for X.
    await throttle.recordSuccess('x@example.com', '198.51.100.7');
    expect(await throttle.check('x@example.com', attacker)).toEqual({ allowed: false, retryAfterMs: MINUTE });
    clock.advance(MINUTE);
    expect(await throttle.check('x@example.com', attacker)).toEqual({ allowed: true });
  });

  it('slows an account attacked from many addresses only at the far higher account ceiling', async () => {
    const clock = fakeClock();
    const throttle = new LoginThrottle({ clock: clock.now });
    expect(ACCOUNT_POLICY.maxFailures).toBeGreaterThanOrEqual(5 * PAIR_POLICY.maxFailures);
    // One failure from each of many addresses: no pair and no address reaches its limit.
    for (let failure = 1; failure < ACCOUNT_POLICY.maxFailures; failure += 1) {
      expect(await throttle.recordFailure('x@example.com', `10.0.${failure >> 8}.${failure & 255}`)).toEqual({ allowed: true });
    }
    expect(await throttle.recordFailure('x@example.com', '10.9.9.9')).toEqual({ allowed: false, retryAfterMs: ACCOUNT_POLICY.baseLockoutMs });
    expect(await throttle.check('x@example.com', '192.0.2.1')).toMatchObject({ allowed: false });
    expect(await throttle.check('y@example.com', '10.9.9.9')).toEqual({ allowed: true });
  });

  it('locks an address that sprays many accounts (credential stuffing), and success does not clear the address', async () => {
    const clock = fakeClock();
    const address = { maxFailures: 3, windowMs: 15 * MINUTE, baseLockoutMs: 5 * MINUTE, maxLockoutMs: 60 * MINUTE, forgetAfterMs: 60 * MINUTE };
    const throttle = new LoginThrottle({ clock: clock.now, address });
    await throttle.recordFailure('a@example.com', '203.0.113.9');
    await throttle.recordFailure('b@example.com', '203.0.113.9');
    await throttle.recordSuccess('c@example.com', '203.0.113.9');
    expect(await throttle.recordFailure('c@example.com', '203.0.113.9')).toEqual({ allowed: false, retryAfterMs: 5 * MINUTE });
    expect(await throttle.check('d@example.com', '203.0.113.9')).toEqual({ allowed: false, retryAfterMs: 5 * MINUTE });
    expect(await throttle.check('d@example.com', '198.51.100.1')).toEqual({ allowed: true });
  });

  it('a successful login clears the account and that pair', async () => {
    const throttle = new LoginThrottle({ clock: fakeClock().now });
    for (let failure = 0; failure < 4; failure += 1) await throttle.recordFailure('ada@example.com', '10.0.0.1');
    await throttle.recordSuccess('ada@example.com', '10.0.0.1');
    expect(await throttle.recordFailure('ada@example.com', '10.0.0.1')).toEqual({ allowed: true });
  });

  it('a success from another address leaves the failing pair counting', async () => {
    const throttle = new LoginThrottle({ clock: fakeClock().now });
    for (let failure = 0; failure < 4; failure += 1) await throttle.recordFailure('ada@example.com', '10.0.0.1');
    await throttle.recordSuccess('ada@example.com', '10.0.0.2');
    expect(await throttle.recordFailure('ada@example.com', '10.0.0.1')).toMatchObject({ allowed: false });
  });

  it('the memory store drops expired records as it grows', async () => {
    const clock = fakeClock();
    const store = new MemoryAttemptStore(clock.now, 100);
    const limiter = new AttemptLimiter(store, ACCOUNT_POLICY, clock.now);
    for (let key = 0; key < 100; key += 1) await limiter.recordFailure(`spray-${key}`);
    clock.advance(ACCOUNT_POLICY.forgetAfterMs);
    for (let key = 0; key < 10; key += 1) await limiter.recordFailure(`later-${key}`);
    expect(store.size).toBeLessThanOrEqual(10);
  });

  it('refusals become RATE_LIMITED errors with a retry time', () => {
    const error = tooManyAttempts(60_500);
    expect(error.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: 61 });
  });
});
