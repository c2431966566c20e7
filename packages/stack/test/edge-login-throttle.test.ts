import type { ChildProcess } from 'node:child_process';
import net from 'node:net';
import { Redis } from 'ioredis';
import { ACCOUNT_POLICY, LoginThrottle } from '@skillgraph/platform';
import { sharedThrottles } from '@skillgraph/users/src/identity';
import { spawnTracked, stopGroup } from '../../../test/support/child-processes';
import { freePort } from './support/process';

/** The login throttle counting in Redis, as gateway replicas' users subgraphs would share it. */
describe('login throttle in Redis', () => {
  let server: ChildProcess;
  let clients: Redis[] = [];

  beforeAll(async () => {
    const port = await freePort();
    server = spawnTracked('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const deadline = Date.now() + 60_000; // a ceiling against a hung start, not a speed claim
    for (;;) {
      const up = await new Promise<boolean>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => {
          socket.end();
          resolve(true);
        });
        socket.on('error', () => resolve(false));
      });
      if (up) break;
      if (Date.now() > deadline) throw new Error('redis-server did not start');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    clients = [new Redis(port, '127.0.0.1'), new Redis(port, '127.0.0.1')];
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.quit()));
    if (server) await stopGroup(server);
  });

  it('two replicas count one (account, address) pair together: the fifth failure, wherever it lands, locks it', async () => {
    const [first, second] = clients.map((client) => new LoginThrottle({ redis: client }));
    const verdicts = [];
    for (const throttle of [first, second, first, second]) verdicts.push(await throttle!.recordFailure('ada@example.com', '10.0.0.1'));
    expect(verdicts.every((verdict) => verdict.allowed)).toBe(true);
    const fifth = await second!.recordFailure('ada@example.com', '10.0.0.1');
    expect(fifth.allowed).toBe(false);
    expect(await first!.check('ada@example.com', '10.0.0.1')).toMatchObject({ allowed: false });
    // Locked for that address only.
    expect(await first!.check('ada@example.com', '10.0.0.3')).toEqual({ allowed: true });
  });

  it('concurrent failures from both replicas are all counted (atomic Redis counters, no lost update)', async () => {
    const [first, second] = clients.map((client) => new LoginThrottle({ redis: client }));
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => (i % 2 === 0 ? first! : second!).recordFailure('grace@example.com', '10.1.0.1')));
    expect(results.filter((verdict) => !verdict.allowed)).toHaveLength(1);
    expect(await first!.check('grace@example.com', '10.1.0.1')).toMatchObject({ allowed: false });
  });

  it('a success clears the pair in the shared store', async () => {
    const [first, second] = clients.map((client) => new LoginThrottle({ redis: client }));
    for (let i = 0; i < 4; i += 1) await first!.recordFailure('alan@example.com', '10.2.0.1');
    await second!.recordSuccess('alan@example.com', '10.2.0.1');
    expect(await first!.recordFailure('alan@example.com', '10.2.0.1')).toEqual({ allowed: true });
  });
  it("the users subgraph's REDIS_URL throttles: replicas share sign-in counts, and recovery requests count apart", async () => {
    const [first, second] = clients.map((client) => sharedThrottles(client));
    for (let i = 0; i < 4; i += 1) await (i % 2 === 0 ? first! : second!).throttle!.recordFailure('mary@example.com', '10.3.0.1');
    expect(await second!.throttle!.recordFailure('mary@example.com', '10.3.0.1')).toMatchObject({ allowed: false });
    expect(await first!.throttle!.check('mary@example.com', '10.3.0.1')).toMatchObject({ allowed: false });
    // Sign-in failures do not spend the reset-request budget (3 per account), nor the reverse.
    expect(await first!.recoveryThrottle!.check('mary@example.com', '10.3.0.1')).toEqual({ allowed: true });
    for (let i = 0; i < 3; i += 1) await second!.recoveryThrottle!.recordFailure('tim@example.com', '10.3.0.2');
    // Past the budget a new address gets one request per pause, counted across replicas ...
    expect(await first!.recoveryThrottle!.check('tim@example.com', '10.3.0.9')).toEqual({ allowed: true });
    expect(await second!.recoveryThrottle!.check('tim@example.com', '10.3.0.9')).toMatchObject({ allowed: false });
    expect(await first!.throttle!.check('tim@example.com', '10.3.0.2')).toEqual({ allowed: true });
    // ... while an address tim signed in from (on either replica) asks freely.
    await second!.throttle!.recordSuccess('tim@example.com', '10.3.0.7');
    for (let i = 0; i < 2; i += 1) expect(await first!.recoveryThrottle!.check('tim@example.com', '10.3.0.7')).toEqual({ allowed: true });
  });

  it('an account over its ceiling on one replica slows new addresses on the other, and never the known ones', async () => {
    const [first, second] = clients.map((client) => sharedThrottles(client));
    await first!.throttle.recordSuccess('lin@example.com', '10.4.0.1');
    for (let i = 0; i < ACCOUNT_POLICY.maxFailures; i += 1)
      await (i % 2 === 0 ? first! : second!).throttle.recordFailure('lin@example.com', `10.5.${i >> 8}.${i & 255}`);
    expect(await second!.throttle.check('lin@example.com', '10.4.0.1')).toEqual({ allowed: true });
    expect(await first!.throttle.check('lin@example.com', '10.6.0.1')).toEqual({ allowed: true });
    const paced = await second!.throttle.check('lin@example.com', '10.6.0.1');
    expect(paced).toMatchObject({ allowed: false });
    expect(paced.allowed ? 0 : paced.retryAfterMs).toBeLessThanOrEqual(second!.throttle.unknownAddressDelayMs);
  });
});
