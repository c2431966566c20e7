import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startMediaStack, type MediaTestStack } from '../../packages/stack/test/support/media';
import { loadWorkerConfig } from '../../subgraphs/media/src/worker/config';
import { clamdAvailable, ensureClamd } from '../../subgraphs/media/test/processing/support/clamd';
import { chromiumAvailable, launchChromium, VIEWPORTS, type ViewportName } from './support/browser';
import { buildWebClient } from './support/client-build';
import { makeCoverPng, makeLectureVideo } from './support/fixtures';
import { promoteToInstructor, Steps, WAIT } from './support/flow';
import { PageWatch } from './support/page-watch';
import { recordProgressValues, throttleUploads } from './support/progress';

/**
 * The web client as people use it, in Debian's chromium: today's client is built with Vite and
 * served by the gateway of the whole system (media worker on, so uploads really become READY).
 * An instructor signs up, is promoted by an admin, builds and publishes a course with a cover and
 * a video; a student finds it, enrolls, watches the video through hls.js, completes the lessons,
 * passes the assessment, downloads the certificate and checks it on the public page. The same
 * run at a desktop and at a phone viewport; any console error, page error or GraphQL error that
 * is not a step's deliberate one fails it. Screenshots: test-artifacts/web/<viewport>/.
 */
const describeWithChromium = chromiumAvailable() ? describe : describe.skip;
const PASSWORD = 'Browser-run-2026!';
/** The lecture (a few hundred KB) takes a couple of seconds at this uplink. */
const UPLOAD_BYTES_PER_SECOND = 128 * 1024;

describeWithChromium('the web client in a real browser', () => {
  let files: string;
  let t: MediaTestStack;
  let browser: Browser;
  let cover: string;
  let video: string;
  jest.setTimeout(150_000);

  beforeAll(async () => {
    files = await mkdtemp(path.join(tmpdir(), 'web-browser-'));
    const clientDir = path.join(files, 'client');
    // Made before the stack starts, so the build and ffmpeg do not compete with the servers.
    [, cover, video] = await Promise.all([buildWebClient(clientDir), makeCoverPng(files), makeLectureVideo(files)]);
    const clamd = clamdAvailable() ? ensureClamd() : undefined;
    const mediaWorker = loadWorkerConfig({
      MEDIA_WORKER_TMP_DIR: path.join(files, 'work'),
      ...(clamd ? { CLAMAV_HOST: clamd.host, CLAMAV_PORT: String(clamd.port) } : {}),
    });
    t = await startMediaStack({ stack: { mediaWorker, webClientDir: clientDir } });
    browser = await launchChromium();
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
    if (files) await rm(files, { recursive: true, force: true });
  });

  it.each(Object.keys(VIEWPORTS) as ViewportName[])(
    'at the %s viewport: instructor publishes a course with media, a student learns it and gets a verifiable certificate',
    async (viewport) => {
      const contexts: BrowserContext[] = [];
      const open = async () => {
        const context = await browser.newContext({ ...VIEWPORTS[viewport], baseURL: t.origin });
        contexts.push(context);
        const page = await context.newPage();
        return { page, watch: new PageWatch(page) };
      };
      try {
        await learningLoop(viewport, open);
      } finally {
        for (const context of contexts) await context.close();
      }
    },
  );

  async function learningLoop(viewport: ViewportName, open: () => Promise<{ page: Page; watch: PageWatch }>): Promise<void> {
    const { page, watch } = await open();
    const steps = new Steps(viewport, watch);
    const tag = `${viewport}-${Date.now().toString(36)}`;
    const courseTitle = `Federation in practice ${tag}`;
    const instructorEmail = `instructor.${tag}@example.org`;
    const studentEmail = `student.${tag}@example.org`;
    const studentName = 'Sam Student';
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));

    const signUp = async (name: string, email: string) => {
      await page.goto('/signup');
      await page.getByLabel('Name').fill(name);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByRole('button', { name: 'Log out' }).waitFor({ timeout: WAIT.ui });
    };

    // ---- the instructor -----------------------------------------------------------------------
    await steps.run(page, 'instructor-signs-up', () => signUp('Ada Teacher', instructorEmail));
    await steps.run(page, 'promoted-to-instructor', async () => {
      await promoteToInstructor(t.stack, instructorEmail);
      // The role travels in the access token: a reload restores the session with a refresh, which reads it anew.
      await page.reload();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Teach' }).click({ timeout: WAIT.ui });
      await page.getByRole('heading', { name: 'Teach', level: 1 }).waitFor({ timeout: WAIT.ui });
    });
    let editorPath = '';
    await steps.run(page, 'creates-course', async () => {
      await page.getByLabel('Title').fill(courseTitle);
      await page.getByLabel('Description').fill('Subgraphs, entities and a gateway, shown end to end.');
      await page.getByRole('button', { name: 'Create course' }).click();
      await page.getByRole('heading', { name: courseTitle, level: 1 }).waitFor({ timeout: WAIT.ui });
      editorPath = new URL(page.url()).pathname;
    });
    await steps.run(page, 'adds-lessons', async () => {
      for (const title of ['Getting started', 'Composing subgraphs']) {
        await page.getByLabel('Lesson title').fill(title);
        await page.getByRole('button', { name: 'Add lesson' }).click();
        await page.getByRole('listitem', { name: title }).waitFor({ timeout: WAIT.ui });
      }
    });
    await steps.run(page, 'uploads-cover', async () => {
      const section = page.getByRole('region', { name: 'Cover' });
      await section.getByLabel('Cover image').setInputFiles(cover);
      await section.getByRole('progressbar').and(page.locator('[aria-valuenow="100"]')).waitFor({ timeout: WAIT.ui });
      await section.getByRole('status').filter({ hasText: 'READY' }).waitFor({ timeout: WAIT.processing });
    });
    await steps.run(page, 'uploads-video', async () => {
      const lesson = page.getByRole('listitem', { name: 'Getting started' });
      // A loopback upload finishes between two frames; at a slow uplink the bar has to move through its values.
      const progress = await recordProgressValues(page);
      const unthrottle = await throttleUploads(page, UPLOAD_BYTES_PER_SECOND);
      await lesson.getByLabel('Lesson video').setInputFiles(video);
      await lesson.getByRole('progressbar').and(page.locator('[aria-valuenow="100"]')).waitFor({ timeout: WAIT.processing });
      await unthrottle();
      const seen = await progress();
      expect(seen.some((value) => value > 0 && value < 100)).toBe(true);
      expect(seen.at(-1)).toBe(100);
    });
    await steps.run(page, 'video-ready', async () => {
      const lesson = page.getByRole('listitem', { name: 'Getting started' });
      await lesson.getByRole('status').filter({ hasText: 'READY' }).waitFor({ timeout: WAIT.processing });
    });
    await steps.run(page, 'creates-assessment', async () => {
      const section = page.getByRole('region', { name: 'Assessment' });
      await section.getByLabel('Prompt').fill('What does a gateway compose?');
      await section.getByLabel('Choice 1', { exact: true }).fill('Subgraphs');
      await section.getByLabel('Choice 2', { exact: true }).fill('Spreadsheets');
      await section.getByRole('button', { name: 'Create assessment' }).click();
      await section.getByText('(final)').waitFor({ timeout: WAIT.ui });
    });
    await steps.run(page, 'publishes', async () => {
      await page.getByRole('button', { name: 'Publish' }).click();
      await page.getByText('Published: learners find it in the catalogue.').waitFor({ timeout: WAIT.ui });
      await page.getByRole('region', { name: 'Stats' }).getByText('Enrolled').waitFor({ timeout: WAIT.ui });
    });
    await steps.run(page, 'instructor-logs-out', async () => {
      await page.getByRole('button', { name: 'Log out' }).click();
      await page.getByRole('link', { name: 'Log in' }).waitFor({ timeout: WAIT.ui });
    });
    await steps.run(page, 'wrong-password-refused', () =>
      watch.deliberately('a wrong password', async () => {
        await page.getByRole('link', { name: 'Log in' }).click();
        await page.getByLabel('Email').fill(instructorEmail);
        await page.getByLabel('Password').fill('not-the-password');
        await page.getByRole('button', { name: 'Log in' }).click();
        await page.getByRole('alert').filter({ hasText: /./ }).waitFor({ timeout: WAIT.ui });
      }),
    );

    // ---- the student --------------------------------------------------------------------------
    await steps.run(page, 'student-signs-up', () => signUp(studentName, studentEmail));
    await steps.run(page, 'finds-course', async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalogue' }).click();
      await page.getByLabel('Search courses').fill(tag);
      await page.getByRole('link', { name: courseTitle }).click({ timeout: WAIT.ui });
      await page.getByRole('heading', { name: courseTitle, level: 1 }).waitFor({ timeout: WAIT.ui });
      const coverImage = page.getByRole('img', { name: `Cover of ${courseTitle}` });
      await coverImage.waitFor({ timeout: WAIT.ui });
      await page.waitForFunction((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0, await coverImage.elementHandle(), {
        timeout: WAIT.ui,
      });
    });
    await steps.run(page, 'enrolls', async () => {
      await page.getByRole('button', { name: 'Enroll' }).click();
      await page.getByText('Enrolled', { exact: true }).waitFor({ timeout: WAIT.ui });
    });
    await steps.run(page, 'plays-video', async () => {
      await page.getByRole('link', { name: 'Getting started' }).click();
      const player = page.locator('video[aria-label="Lesson video"]');
      await player.waitFor({ timeout: WAIT.ui });
      await player.evaluate((element: HTMLVideoElement) => {
        element.muted = true;
        void element.play();
      });
      await page.waitForFunction(
        () => ((document.querySelector('video[aria-label="Lesson video"]') as HTMLVideoElement | null)?.currentTime ?? 0) > 1,
        undefined,
        { timeout: WAIT.playback },
      );
      // hls.js plays through Media Source Extensions: the element's source is a blob: URL, fed from the signed playlist.
      expect(await player.evaluate((element: HTMLVideoElement) => element.currentSrc)).toMatch(/^blob:/);
      expect(requests.some((url) => new URL(url).pathname.endsWith('.m3u8'))).toBe(true);
    });
    await steps.run(page, 'completes-lessons', async () => {
      await page.getByRole('button', { name: 'Mark complete' }).click();
      await page.getByRole('status').filter({ hasText: 'Lesson completed' }).waitFor({ timeout: WAIT.ui });
      await page.getByRole('link', { name: 'Next lesson' }).click();
      await page.getByRole('heading', { name: 'Composing subgraphs', level: 1 }).waitFor({ timeout: WAIT.ui });
      await page.getByRole('button', { name: 'Mark complete' }).click();
      await page.getByRole('status').filter({ hasText: 'Lesson completed' }).waitFor({ timeout: WAIT.ui });
    });
    await steps.run(page, 'passes-assessment', async () => {
      await page.getByRole('link', { name: 'Back to the course' }).click();
      await page.getByRole('link', { name: 'Final assessment' }).click({ timeout: WAIT.ui });
      await page.getByRole('button', { name: 'Start assessment' }).click({ timeout: WAIT.ui });
      await page.getByRole('group', { name: 'What does a gateway compose?' }).getByLabel('Subgraphs').check({ timeout: WAIT.ui });
      await page.getByRole('button', { name: 'Submit answers' }).click();
      await page.getByText('Passed', { exact: true }).waitFor({ timeout: WAIT.ui });
    });
    let certificateId = '';
    let verifyHref = '';
    await steps.run(page, 'certificate', async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Certificates' }).click();
      // Certificates are issued from the attempt's event, a moment after the result: look again until it is there.
      const id = page.getByText(/^CERT-\d{4}-\d+$/).first();
      const deadline = Date.now() + WAIT.ui;
      while (!(await id.isVisible())) {
        if (Date.now() > deadline) throw new Error('no certificate listed');
        await page.reload();
        await id.waitFor({ timeout: 1000 }).catch(() => undefined);
      }
      certificateId = (await id.textContent())!.trim();
      // The holder's Verify link carries the certificate's code: the link they share.
      verifyHref = (await page.getByRole('link', { name: 'Verify' }).first().getAttribute('href'))!;
      expect(verifyHref).toMatch(new RegExp(`^/verify/${certificateId}\\?code=[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$`));
      const href = await page.getByRole('link', { name: 'Download PDF' }).first().getAttribute('href');
      const pdfUrl = new URL(href!, t.origin);
      expect(pdfUrl.origin).toBe(t.origin);
      const pdf = await page.request.get(pdfUrl.href);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    });
    const visitor = await open();
    await steps.run(visitor.page, 'verifies-publicly', async () => {
      await visitor.page.goto(`/verify/${certificateId}`);
      await visitor.page.getByText('Valid certificate').waitFor({ timeout: WAIT.ui });
      // The id alone says valid, never who holds it; the code from the holder's link names them.
      expect(await visitor.page.getByText(studentName).count()).toBe(0);
      await visitor.page.goto(verifyHref);
      await visitor.page.locator('dd', { hasText: studentName }).waitFor({ timeout: WAIT.ui });
      await visitor.page.goto(`/verify/${certificateId}?code=AAAA-AAAA-AAAA-AAAA`);
      await visitor.page.getByText('This code does not match').waitFor({ timeout: WAIT.ui });
      expect(await visitor.page.getByText(studentName).count()).toBe(0);
      await visitor.page.getByRole('link', { name: 'Log in' }).waitFor();
    });
    await steps.run(visitor.page, 'instructor-sees-stats', async () => {
      await visitor.page.getByRole('link', { name: 'Log in' }).click();
      await visitor.page.getByLabel('Email').fill(instructorEmail);
      await visitor.page.getByLabel('Password').fill(PASSWORD);
      await visitor.page.getByRole('button', { name: 'Log in' }).click();
      await visitor.page.getByRole('button', { name: 'Log out' }).waitFor({ timeout: WAIT.ui });
      await visitor.page.goto(editorPath);
      const stats = visitor.page.getByRole('region', { name: 'Stats' });
      await stats.locator('dt:text-is("Enrolled") + dd').filter({ hasText: /^1$/ }).waitFor({ timeout: WAIT.ui });
      await stats.getByRole('row', { name: /Getting started/ }).waitFor({ timeout: WAIT.ui });
    });

    await watch.settle();
    await visitor.watch.settle();
    expect([...watch.problems, ...visitor.watch.problems]).toEqual([]);
  }
});
