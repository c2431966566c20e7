import { copyFile, mkdtemp, open as openFile, rm, stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { COURSE_AUTHORING, ok, register } from '../../packages/stack/test/support/learning-loop';
import { startMediaStack, type MediaTestStack } from '../../packages/stack/test/support/media';
import { chromiumAvailable, launchChromium, VIEWPORTS } from './support/browser';
import { buildWebClient } from './support/client-build';
import { makeLectureVideo } from './support/fixtures';
import { promoteToInstructor, signInByApi, Steps, WAIT } from './support/flow';
import { PageWatch } from './support/page-watch';

/**
 * A lesson video above the client's multipart threshold goes up in parts; when one part keeps
 * failing, the upload pauses, and "Resume upload" sends only the parts not stored yet. No media
 * worker here: what is tested is the transfer, up to the asset coming back UPLOADED.
 */
const describeWithChromium = chromiumAvailable() ? describe : describe.skip;
/** Above the client's 32 MiB threshold: three parts of the server's default 16 MiB. */
const LARGE_FILE_PADDING = 33 * 1024 * 1024;
const FAILING_PART = 2;
/** The password `register` gives its accounts. */
const PASSWORD = 'Loop-learner-2026!';
const TRIES_PER_PART = 3;

describeWithChromium('resumable upload in the instructor area', () => {
  let files: string;
  let t: MediaTestStack;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let largeVideo: string;
  jest.setTimeout(120_000);

  beforeAll(async () => {
    files = await mkdtemp(path.join(tmpdir(), 'web-resumable-'));
    const clientDir = path.join(files, 'client');
    const [, lecture] = await Promise.all([buildWebClient(clientDir), makeLectureVideo(files)]);
    // A real MP4 start (the type check sniffs it) followed by padding: large without a long encode.
    largeVideo = path.join(files, 'long-lecture.mp4');
    await copyFile(lecture, largeVideo);
    const handle = await openFile(largeVideo, 'a');
    await handle.write(randomBytes(LARGE_FILE_PADDING));
    await handle.close();
    t = await startMediaStack({ stack: { webClientDir: clientDir } });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await t?.stop();
    if (files) await rm(files, { recursive: true, force: true });
  });

  it('pauses after a part fails every try, then resumes with only the missing parts', async () => {
    const { email } = await register(t.stack, 'Rita Resume');
    await promoteToInstructor(t.stack, email);
    const instructor = await signInByApi(t.stack, email, PASSWORD);
    const { createCourse } = ok(await instructor.gql<{ createCourse: { id: string } }>(COURSE_AUTHORING.create, { title: 'Long lectures' }));
    ok(await instructor.gql(COURSE_AUTHORING.addLesson, { id: createCourse.id, title: 'The long one' }));

    context = await browser.newContext({ ...VIEWPORTS.desktop, baseURL: t.origin });
    const page = await context.newPage();
    const watch = new PageWatch(page);
    const steps = new Steps('resumable', watch);
    const partsSent: number[] = [];
    let refusals = 0;
    await page.route(
      (url) => url.pathname.startsWith('/uploads/'),
      async (route) => {
        const partNumber = Number(new URL(route.request().url()).searchParams.get('partNumber'));
        partsSent.push(partNumber);
        if (partNumber === FAILING_PART && refusals < TRIES_PER_PART) {
          refusals += 1;
          await route.abort('connectionreset');
        } else {
          await route.continue();
        }
      },
    );

    await steps.run(page, 'signs-in', async () => {
      await page.goto('/login');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('button', { name: 'Log out' }).waitFor({ timeout: WAIT.ui });
      await page.goto(`/teach/courses/${createCourse.id}`);
      await page.getByRole('heading', { name: 'Long lectures', level: 1 }).waitFor({ timeout: WAIT.ui });
    });
    const lesson = page.getByRole('listitem', { name: 'The long one' });
    await steps.run(page, 'upload-pauses', () =>
      // The refused part's requests are logged by the browser as failed loads: expected here, and only here.
      watch.tolerateConsoleErrors(/net::ERR_CONNECTION_RESET/, async () => {
        await lesson.getByLabel('Lesson video').setInputFiles(largeVideo);
        await lesson.getByRole('button', { name: 'Resume upload' }).waitFor({ timeout: WAIT.processing });
        await lesson.getByRole('alert').filter({ hasText: 'The connection dropped during the upload.' }).waitFor();
      }),
    );
    expect(partsSent).toEqual([1, ...Array<number>(TRIES_PER_PART).fill(FAILING_PART)]);
    await steps.run(page, 'upload-resumes', async () => {
      await lesson.getByRole('button', { name: 'Resume upload' }).click();
      await lesson.getByRole('progressbar').and(page.locator('[aria-valuenow="100"]')).waitFor({ timeout: WAIT.processing });
      await lesson.getByRole('status').filter({ hasText: 'long-lecture.mp4: UPLOADED' }).waitFor({ timeout: WAIT.ui });
    });
    // Part 1 was not sent again: the resume asked only for parts 2 and 3.
    expect(partsSent).toEqual([1, ...Array<number>(TRIES_PER_PART).fill(FAILING_PART), FAILING_PART, 3]);
    const { myMedia } = ok(
      await instructor.gql<{ myMedia: { edges: { node: { filename: string; size: number; status: string } }[] } }>(
        '{ myMedia(first: 5) { edges { node { filename size status } } } }',
      ),
    );
    expect(myMedia.edges.map((edge) => edge.node)).toContainEqual({ filename: 'long-lecture.mp4', size: (await stat(largeVideo)).size, status: 'UPLOADED' });

    await watch.settle();
    expect(watch.problems).toEqual([]);
  });
});
