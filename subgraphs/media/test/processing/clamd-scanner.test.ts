import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClamdScanner } from '../../src/processing';
import { clamdAvailable, ensureClamd } from './support/clamd';
import { EICAR, makePng } from './support/fixtures';

(clamdAvailable() ? describe : describe.skip)('clamd INSTREAM client against a real clamd', () => {
  let dir: string;
  let address: { host: string; port: number };
  beforeAll(async () => {
    address = ensureClamd();
    dir = await mkdtemp(join(tmpdir(), 'media-scan-'));
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('answers PING', async () => {
    expect(await createClamdScanner(address).ping()).toBe(true);
  });

  it('reports the EICAR test file as INFECTED, also inside a larger file spanning several chunks', async () => {
    const scanner = createClamdScanner(address);
    await writeFile(join(dir, 'eicar.txt'), EICAR);
    expect(await scanner.scanFile(join(dir, 'eicar.txt'))).toEqual({ verdict: 'INFECTED', signature: expect.stringContaining('Eicar-Test-Signature') });

    // 300 KiB of padding first: the signature sits past the first 64 KiB chunk.
    await writeFile(join(dir, 'padded.bin'), Buffer.concat([Buffer.alloc(300 * 1024, 0x20), Buffer.from(EICAR)]));
    expect((await scanner.scanFile(join(dir, 'padded.bin'))).verdict).toBe('INFECTED');
  });

  it('reports an ordinary image as CLEAN', async () => {
    await makePng(join(dir, 'clean.png'), 400, 300);
    expect(await createClamdScanner(address).scanFile(join(dir, 'clean.png'))).toEqual({ verdict: 'CLEAN' });
  });

  it('a scanner that is not listening is a transient failure (worth a retry), not a verdict', async () => {
    const nowhere = createClamdScanner({ host: '127.0.0.1', port: 1, timeoutMs: 2000 });
    await writeFile(join(dir, 'any.txt'), 'hello');
    await expect(nowhere.scanFile(join(dir, 'any.txt'))).rejects.toMatchObject({ permanent: false, safeReason: 'The virus scanner is not reachable.' });
    expect(await nowhere.ping()).toBe(false);
  });
});
