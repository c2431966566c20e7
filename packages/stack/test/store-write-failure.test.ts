import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DeliveredMessage, Subscription } from '@skillgraph/platform';
import type { Stack } from '../src';
import { postGraphQL } from './support/graphql';
import { startTestStack } from './support/stack';

/**
 * A write the embedded store cannot make durable never half-happens: the client gets a retryable
 * code, the change is not readable, its event never reaches the bus, and the courses subgraph is
 * unready until its file can be written again; then the next write goes through.
 */
describe('a course write the store cannot persist', () => {
  let dataDir: string;
  let stack: Stack;
  let subscription: Subscription;
  const createdTitles: string[] = [];

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'skillgraph-write-failure-'));
    stack = await startTestStack({ storage: { kind: 'files', dataDir }, seed: true });
    subscription = await stack.bus.subscribe({
      groupId: 'test.write-failure',
      topics: ['course.events'],
      fromBeginning: true,
      handler: async (message: DeliveredMessage) => {
        const event = message.value as { event_type?: string; title?: string };
        if (event.event_type === 'COURSE_CREATED' && event.title) createdTitles.push(event.title);
      },
    });
  });
  afterAll(async () => {
    await subscription?.stop();
    await stack?.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  const login = async (): Promise<string> => {
    const result = await postGraphQL<{ login: { accessToken: string } }>(
      stack.gatewayUrl,
      'mutation { login(email: "grace@skillgraph.dev", password: "learn-graphs-2026") { accessToken } }',
    );
    expect(result.errors).toBeUndefined();
    return result.data!.login.accessToken;
  };
  const createCourse = (token: string, title: string) =>
    postGraphQL<{ createCourse: { id: string; title: string } }>(
      stack.gatewayUrl,
      'mutation ($input: CreateCourseInput!) { createCourse(input: $input) { id title } }',
      { input: { title } },
      { authorization: `Bearer ${token}` },
    );
  const coursesTitled = async (token: string, text: string): Promise<number> => {
    const result = await postGraphQL<{ courses: { totalCount: number } }>(
      stack.gatewayUrl,
      'query ($text: String) { courses(filter: { titleContains: $text }) { totalCount } }',
      { text },
      { authorization: `Bearer ${token}` },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.courses.totalCount;
  };
  const coursesReady = async (): Promise<number> => (await fetch(stack.subgraphUrls.courses.replace(/\/graphql$/, '/ready'))).status;
  const waitFor = async (condition: () => boolean, what: string): Promise<void> => {
    const deadline = Date.now() + 15_000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  it('answers SERVICE_UNAVAILABLE, changes nothing, publishes nothing, is unready; then recovers', async () => {
    const token = await login();
    expect(await coursesReady()).toBe(200);

    // As root, permissions do not stop a write: a directory in place of the data file does.
    const file = path.join(dataDir, 'courses', 'courses.db');
    const content = await fs.readFile(file);
    await fs.rm(file);
    await fs.mkdir(file);

    const failed = await createCourse(token, 'Never Saved Course');
    expect(failed.data).toBeNull();
    expect(failed.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(failed.errors?.[0]?.extensions?.retryable).toBe(true);
    expect(await coursesTitled(token, 'Never Saved')).toBe(0);
    expect(await coursesReady()).toBe(503);
    // Still unready on a second look: readiness retries the write, which still fails.
    expect(await coursesReady()).toBe(503);

    await fs.rm(file, { recursive: true });
    await fs.writeFile(file, content);

    const saved = await createCourse(token, 'Saved After Recovery');
    expect(saved.errors).toBeUndefined();
    expect(saved.data?.createCourse.title).toBe('Saved After Recovery');
    expect(await coursesReady()).toBe(200);
    expect(await coursesTitled(token, 'Saved After Recovery')).toBe(1);

    // Events go out in staging order: once the later one arrived, the failed one would have too.
    await waitFor(() => createdTitles.includes('Saved After Recovery'), 'the COURSE_CREATED of the saved course');
    expect(createdTitles).not.toContain('Never Saved Course');

    // And the file holds the saved course, not the failed one.
    const onDisk = await fs.readFile(file, 'utf8');
    expect(onDisk).toContain('Saved After Recovery');
    expect(onDisk).not.toContain('Never Saved Course');
  });
});
