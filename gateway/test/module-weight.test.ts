import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * The standalone gateway loads only what it uses from the platform: importing the platform's
 * package index would load every adapter (document stores, event buses, mail, object storage),
 * tens of MB of resident memory a gateway never touches.
 */
const ADAPTER_PACKAGES = ['mongoose', '@seald-io/nedb', 'kafkajs', '@aws-sdk/client-s3', 'nodemailer', 'handlebars', 'sharp', '@node-rs/argon2'];

it("loading the gateway's modules loads none of the platform's adapters", () => {
  const root = path.resolve(__dirname, '..', '..');
  // The modules gateway/src/index.ts imports (it starts serving when run, so it is not loaded itself).
  const script = `
    for (const file of ['gateway/src/server', 'gateway/src/config', 'packages/platform/src/auth/tokens', 'packages/platform/src/auth/key-sources', 'packages/platform/src/logger'])
      require(require('node:path').resolve(file));
    const loaded = Object.keys(require.cache).map((file) => file.split('/node_modules/').pop());
    process.stdout.write(JSON.stringify(loaded));`;
  const loaded = JSON.parse(execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: root, encoding: 'utf8' })) as string[];
  expect(loaded.some((file) => file.startsWith('@apollo/gateway/'))).toBe(true);
  expect(ADAPTER_PACKAGES.filter((name) => loaded.some((file) => file.startsWith(`${name}/`)))).toEqual([]);
});
