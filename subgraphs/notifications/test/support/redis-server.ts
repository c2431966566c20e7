import type { ChildProcess } from 'node:child_process';
import net from 'node:net';
import { spawnTracked, stopGroup } from '../../../../test/support/child-processes';
import { waitFor } from './harness';

/** Debian's redis-server on a free loopback port, without persistence; stopped by the test. */
export async function startRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await new Promise<number>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(free));
    });
  });
  const child: ChildProcess = spawnTracked('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  await waitFor(
    'redis-server to listen',
    () =>
      new Promise<boolean>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => {
          socket.end();
          resolve(true);
        });
        socket.once('error', () => resolve(false));
      }),
  );
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      await stopGroup(child);
    },
  };
}
