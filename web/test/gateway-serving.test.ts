import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import type { Logger } from '@skillgraph/platform';
import { mountWebClient } from '../../gateway/src/web-client';
import type { Stack } from '../../packages/stack/src';
import { startTestStack } from '../../packages/stack/test/support/stack';

/**
 * The gateway serving a built client (a stand-in build: index.html, a hashed asset, a favicon)
 * next to the API: caching per file kind, client-side routes answered with index.html, and the
 * API's own paths never swallowed by that fallback.
 */
describe('the gateway serves the web client at its origin', () => {
  let dir: string;
  let stack: Stack;
  let origin: string;
  const INDEX = '<!doctype html><title>SkillGraph</title><div id="root"></div>';

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'web-serving-'));
    await mkdir(path.join(dir, 'assets'));
    await writeFile(path.join(dir, 'index.html'), INDEX);
    await writeFile(path.join(dir, 'assets', 'index-Bx7Qm2.js'), 'console.log("app")');
    await writeFile(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    stack = await startTestStack({ webClientDir: dir });
    origin = new URL(stack.gatewayUrl).origin;
  });
  afterAll(async () => {
    await stack?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const get = (pathname: string, init?: RequestInit) => fetch(`${origin}${pathname}`, init);

  it('answers / and client-side routes with index.html, revalidated on every load', async () => {
    for (const route of ['/', '/courses/c-1/lessons/l-2', '/teach/courses/c-1', '/verify/CERT-2026-000001', '/certificates']) {
      const response = await get(route);
      expect([route, response.status]).toEqual([route, 200]);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toBe(INDEX);
    }
  });

  it('serves hashed assets for a year, other files as they are, and a missing asset as 404', async () => {
    const asset = await get('/assets/index-Bx7Qm2.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await asset.text()).toBe('console.log("app")');
    const favicon = await get('/favicon.svg');
    expect(favicon.status).toBe(200);
    expect(favicon.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const missing = await get('/assets/index-gone.js');
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toContain('<div id="root">');
  });

  it('sends a page loaded under another name of the host to the origin media URLs name; API paths and assets stay', async () => {
    const port = new URL(origin).port;
    const other = `http://localhost:${port}`;
    const page = await fetch(`${other}/courses/c-1?tab=lessons`, { redirect: 'manual' });
    expect(page.status).toBe(307);
    expect(page.headers.get('location')).toBe(`${origin}/courses/c-1?tab=lessons`);
    expect((await fetch(`${other}/assets/index-Bx7Qm2.js`, { redirect: 'manual' })).status).toBe(200);
    expect((await fetch(`${other}/health`, { redirect: 'manual' })).status).toBe(200);
    expect((await get('/courses/c-1', { redirect: 'manual' })).status).toBe(200);
  });

  it('leaves the API paths to the API', async () => {
    const health = await get('/health');
    expect(await health.json()).toEqual({ status: 'ok', service: 'gateway' });
    const graphql = await get('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await graphql.json()).toEqual({ data: { __typename: 'Query' } });
    // Paths under the API's prefixes that nothing serves: an API answer, never the app's page.
    for (const route of ['/files/no-such-asset', '/certificates/CERT-2026-000001.pdf', '/graphql/nothing']) {
      const response = await get(route);
      expect([route, response.headers.get('content-type') ?? '']).not.toEqual([route, expect.stringMatching(/^text\/html/)]);
      expect(await response.text()).not.toContain('<div id="root">');
    }
    // Only GET and HEAD reach the client.
    expect((await get('/teach', { method: 'POST' })).status).toBe(404);
  });

  it('forwards /certificates/<file> to the assessments subgraph, which judges the signature', async () => {
    const unsigned = await get('/certificates/CERT-2026-000001.pdf');
    const direct = await fetch(new URL('/certificates/CERT-2026-000001.pdf', stack.subgraphUrls.assessments));
    expect(unsigned.status).toBe(direct.status);
    expect(unsigned.status).toBe(403);
    expect(await unsigned.text()).toBe('This link is not valid.');
  });

  it('without a built client, the gateway serves the API only and says so once', () => {
    const lines: string[] = [];
    const logger = { info: (_fields: unknown, message: string) => void lines.push(message) } as unknown as Logger;
    const app = express();
    expect(mountWebClient(app, { directory: path.join(dir, 'not-built'), logger })).toBe(false);
    expect(mountWebClient(app, { directory: undefined, logger })).toBe(false);
    expect(lines.filter((line) => line.includes('no web client built there'))).toHaveLength(1);
  });
});
