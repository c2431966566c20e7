import {
  ACCOUNT_POLICY,
  AttemptLimiter,
  KNOWN_ADDRESS_TTL_MS,
  LoginThrottle,
  PAIR_POLICY,
  tooManyAttempts,
  UNKNOWN_ADDRESS_DELAY_MS,
  type AttemptPolicy,
} from '../../src/auth';

const MINUTE = 60_000;

// rate-limiter-flexible's memory store reads Date.now and expires keys with timers: jest's fake
// timers drive both.
beforeEach(() => {
  jest.useFakeTimers({ now: Date.UTC(2030, 0, 1) });
});
afterEach(() => {
  jest.useRealTimers();
});
const advance = (ms: number) => jest.advanceTimersByTime(ms);

describe('attempt limiter', () => {
  const policy: AttemptPolicy = { maxFailures: 5, windowMs: 15 * MINUTE, baseLockoutMs: MINUTE, maxLockoutMs: 8 * MINUTE, forgetAfterMs: 24 * 60 * MINUTE };

  async function lockOnce(limiter: AttemptLimiter, key: string) {
    let verdict = await limiter.recordFailure(key);
    for (let failure = 2; failure <= policy.maxFailures; failure += 1) verdict = await limiter.recordFailure(key);
    return verdict;
  }

  it('locks after 5 failures, unlocks after the lock-out, and doubles each next lock-out up to the cap', async () => {
    const limiter = new AttemptLimiter(policy);

    for (let failure = 1; failure <= 4; failure += 1) {
      expect(await limiter.recordFailure('ada')).toEqual({ allowed: true });
    }
    expect(await limiter.recordFailure('ada')).toEqual({ allowed: false, retryAfterMs: MINUTE });
    expect(await limiter.check('ada')).toEqual({ allowed: false, retryAfterMs: MINUTE });
    expect(await limiter.check('grace')).toEqual({ allowed: true }); // other keys are unaffected

    advance(30_000);
    expect(await limiter.check('ada')).toEqual({ allowed: false, retryAfterMs: 30_000 });
    advance(30_000);
    expect(await limiter.check('ada')).toEqual({ allowed: true });

    const lockouts: number[] = [];
    for (let episode = 0; episode < 5; episode += 1) {
      const verdict = await lockOnce(limiter, 'ada');
      if (verdict.allowed) throw new Error('expected a lock-out');
      lockouts.push(verdict.retryAfterMs);
      advance(verdict.retryAfterMs);
    }
    expect(lockouts).toEqual([2, 4, 8, 8, 8].map((minutes) => minutes * MINUTE));
  });

  it('counts failures in a window: failures from before it stop counting', async () => {
    const limiter = new AttemptLimiter(policy);
    for (let failure = 0; failure < 4; failure += 1) {
      await limiter.recordFailure('ada');
      advance(5 * MINUTE); // failures at 0, 5, 10, 15 min: the window that began at 0 has ended
    }
    expect(await limiter.recordFailure('ada')).toEqual({ allowed: true });
  });

  it('forgets lock-out growth after a quiet period, and on reset', async () => {
    const limiter = new AttemptLimiter(policy);
    await lockOnce(limiter, 'ada');
    advance(MINUTE);
    expect(await lockOnce(limiter, 'ada')).toEqual({ allowed: false, retryAfterMs: 2 * MINUTE });
    advance(25 * 60 * MINUTE);
    expect(await lockOnce(limiter, 'ada')).toEqual({ allowed: false, retryAfterMs: MINUTE });
    await limiter.reset('ada');
    expect(await limiter.check('ada')).toEqual({ allowed: true });
    expect(await lockOnce(limiter, 'ada')).toEqual({ allowed: false, retryAfterMs: MINUTE });
  });
});

describe('login throttle', () => {
  it('locks the (account, address) pair after 5 failures: the account still signs in from elsewhere, the address into other accounts', async () => {
    const throttle = new LoginThrottle();
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
    advance(MINUTE);
    expect(await throttle.check('x@example.com', attacker)).toEqual({ allowed: true });
  });

  it('an attack from many addresses never locks the owner: known addresses pass, new ones wait at most the delay between tries', async () => {
    const throttle = new LoginThrottle();
    const owner = 'x@example.com';
    await throttle.recordSuccess(owner, '192.0.2.1'); // the owner's usual address, remembered for weeks
    advance(KNOWN_ADDRESS_TTL_MS / 2);
    expect(ACCOUNT_POLICY.maxFailures).toBeGreaterThanOrEqual(5 * PAIR_POLICY.maxFailures);
    // One failure from each of many addresses: no pair and no address reaches its limit.
    for (let failure = 0; failure < ACCOUNT_POLICY.maxFailures; failure += 1) {
      expect(await throttle.recordFailure(owner, `10.0.${failure >> 8}.${failure & 255}`)).toEqual({ allowed: true });
    }
    // Known address: at once, again and again.
    for (let attempt = 0; attempt < 3; attempt += 1) expect(await throttle.check(owner, '192.0.2.1')).toEqual({ allowed: true });
    // A new address: one try now, then one per delay.
    expect(await throttle.check(owner, '198.51.100.9')).toEqual({ allowed: true });
    const next = await throttle.check(owner, '198.51.100.9');
    expect(next).toMatchObject({ allowed: false });
    expect(next.allowed ? 0 : next.retryAfterMs).toBeLessThanOrEqual(UNKNOWN_ADDRESS_DELAY_MS);
    advance(UNKNOWN_ADDRESS_DELAY_MS);
    expect(await throttle.check(owner, '198.51.100.9')).toEqual({ allowed: true });
    // An attacking address gets the same pace, never more.
    expect(await throttle.check(owner, '10.0.0.1')).toEqual({ allowed: true });
    expect(await throttle.check(owner, '10.0.0.1')).toMatchObject({ allowed: false });
    // Other accounts are untouched.
    expect(await throttle.check('y@example.com', '10.9.9.9')).toEqual({ allowed: true });
    expect(await throttle.check('y@example.com', '10.9.9.9')).toEqual({ allowed: true });
    // Once the window passes, new addresses are no longer slowed.
    advance(ACCOUNT_POLICY.windowMs);
    expect(await throttle.check(owner, '203.0.113.50')).toEqual({ allowed: true });
    expect(await throttle.check(owner, '203.0.113.50')).toEqual({ allowed: true });
  });

  it('the account ceiling does not lift a pair lock, even for a known address', async () => {
    const throttle = new LoginThrottle();
    await throttle.recordSuccess('x@example.com', '192.0.2.1');
    for (let failure = 0; failure < PAIR_POLICY.maxFailures; failure += 1) await throttle.recordFailure('x@example.com', '192.0.2.1');
    expect(await throttle.check('x@example.com', '192.0.2.1')).toMatchObject({ allowed: false });
  });

  it('locks an address that sprays many accounts (credential stuffing), and success does not clear the address', async () => {
    const address = { maxFailures: 3, windowMs: 15 * MINUTE, baseLockoutMs: 5 * MINUTE, maxLockoutMs: 60 * MINUTE, forgetAfterMs: 60 * MINUTE };
    const throttle = new LoginThrottle({ address });
    await throttle.recordFailure('a@example.com', '203.0.113.9');
    await throttle.recordFailure('b@example.com', '203.0.113.9');
    await throttle.recordSuccess('c@example.com', '203.0.113.9');
    expect(await throttle.recordFailure('c@example.com', '203.0.113.9')).toEqual({ allowed: false, retryAfterMs: 5 * MINUTE });
    expect(await throttle.check('d@example.com', '203.0.113.9')).toEqual({ allowed: false, retryAfterMs: 5 * MINUTE });
    expect(await throttle.check('d@example.com', '198.51.100.1')).toEqual({ allowed: true });
  });

  it('a successful login clears that pair', async () => {
    const throttle = new LoginThrottle();
    for (let failure = 0; failure < 4; failure += 1) await throttle.recordFailure('ada@example.com', '10.0.0.1');
    await throttle.recordSuccess('ada@example.com', '10.0.0.1');
    expect(await throttle.recordFailure('ada@example.com', '10.0.0.1')).toEqual({ allowed: true });
  });

  it('a success from another address leaves the failing pair counting', async () => {
    const throttle = new LoginThrottle();
    for (let failure = 0; failure < 4; failure += 1) await throttle.recordFailure('ada@example.com', '10.0.0.1');
    await throttle.recordSuccess('ada@example.com', '10.0.0.2');
    expect(await throttle.recordFailure('ada@example.com', '10.0.0.1')).toMatchObject({ allowed: false });
  });

  it('refusals become RATE_LIMITED errors with a retry time', () => {
    const error = tooManyAttempts(60_500);
    expect(error.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: 61 });
  });
});
