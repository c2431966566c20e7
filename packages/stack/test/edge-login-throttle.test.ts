import type { ChildProcess } from 'node:child_process';
import net from 'node:net';
import { Redis } from 'ioredis';
import { LoginThrottle, RedisAttemptStore } from '@skillgraph/platform';
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
    const [first, second] = clients.map((client) => new LoginThrottle({ store: new RedisAttemptStore(client) }));
    const verdicts = [];
    for (const throttle of [first, second, first, second]) verdicts.push(await throttle!.recordFailure('ada@example.com', '10.0.0.1'));
    expect(verdicts.every((verdict) => verdict.allowed)).toBe(true);
    const fifth = await second!.recordFailure('ada@example.com', '10.0.0.1');
    expect(fifth.allowed).toBe(false);
    expect(await first!.check('ada@example.com', '10.0.0.1')).toMatchObject({ allowed: false });
    // Locked for that address only.
    expect(await first!.check('ada@example.com', '10.0.0.3')).toEqual({ allowed: true });
  });

  it('concurrent failures from both replicas are all counted (compare-and-set, no lost update)', async () => {
    const [first, second] = clients.map((client) => new LoginThrottle({ store: new RedisAttemptStore(client) }));
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => (i % 2 === 0 ? first! : second!).recordFailure('grace@example.com', '10.1.0.1')));
    expect(results.filter((verdict) => !verdict.allowed)).toHaveLength(1);
    expect(await first!.check('grace@example.com', '10.1.0.1')).toMatchObject({ allowed: false });
  });

  it('a success clears the account in the shared store', async () => {
    const [first, second] = clients.map((client) => new LoginThrottle({ store: new RedisAttemptStore(client) }));
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
    expect(await first!.recoveryThrottle!.check('tim@example.com', '10.3.0.9')).toMatchObject({ allowed: false });
    expect(await first!.throttle!.check('tim@example.com', '10.3.0.2')).toEqual({ allowed: true });
  });
});
