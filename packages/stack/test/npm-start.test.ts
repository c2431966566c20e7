import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stopGroup } from '../../../test/support/child-processes';
import { postGraphQL } from './support/graphql';
import { runStartScript, startStackScript, type StartedProcess } from './support/process';

const CATALOGUE = `{
  courses(first: 10) {
    edges { node { title instructor { name } assessments { title } lessons { title media { filename } } } }
  }
}`;

describe('npm start', () => {
  let dataDir: string;
  let running: StartedProcess | undefined;

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skillgraph-start-'));
  });
  afterEach(async () => {
    // The whole group: tsx runs the script in a second node process that a kill of tsx alone leaves.
    if (running) await stopGroup(running.child);
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  // How fast it starts is a benchmark figure (`npm run bench:start`), not an assertion: the
  // ceiling only tells a hung start from a slow one on a loaded machine.
  async function start(): Promise<{ url: string }> {
    const started = await startStackScript({ DATA_DIR: dataDir }, 180_000);
    running = started.running;
    return { url: `http://localhost:${started.ports.GATEWAY_PORT}/graphql` };
  }

  async function stop(): Promise<number | null> {
    running!.child.kill('SIGINT');
    return running!.exited;
  }

  it('serves one graph across all four subgraphs once ready, and keeps the data across a restart', async () => {
    const first = await start();
    expect(running!.output()).toContain('demo data loaded');

    const before = await postGraphQL<{
      courses: {
        edges: { node: { title: string; instructor: { name: string }; assessments: { title: string }[]; lessons: { media: { filename: string }[] }[] } }[];
      };
    }>(first.url, CATALOGUE);
    expect(before.errors).toBeUndefined();
    const courses = before.data!.courses.edges.map((edge) => edge.node);
    expect(courses.length).toBeGreaterThan(0);
    expect(courses.every((course) => course.instructor.name.length > 0)).toBe(true);
    expect(courses.some((course) => course.assessments.length > 0)).toBe(true);
    expect(courses.some((course) => course.lessons.some((lesson) => lesson.media.length > 0))).toBe(true);
    expect(await stop()).toBe(0);

    // Fresh ports: the first ones were released at the stop and another process may hold them now.
    const second = await start();
    expect(running!.output()).not.toContain('demo data loaded');
    const after = await postGraphQL(second.url, CATALOGUE);
    expect(after).toEqual(before);
    expect(await stop()).toBe(0);
  }, 480_000);

  it('refuses to start on bad configuration, naming each variable and the reason', async () => {
    running = runStartScript({ DATA_DIR: dataDir, GATEWAY_PORT: 'eighty', USERS_PORT: '70000', SEED: 'maybe' });
    expect(await running.exited).toBe(1);
    const output = running.output();
    expect(output).toMatch(/GATEWAY_PORT: must be a port number/);
    expect(output).toMatch(/USERS_PORT: must be between 1 and 65535/);
    expect(output).toMatch(/SEED: must be true or false/);
    expect(output).not.toContain('SkillGraph is ready');
  }, 180_000);
});
