import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import type { MediaKind } from '../../subgraphs/media/src/data/records';
import { DOCX_TYPE } from '../../subgraphs/media/src/processing';
import type { WorkedAsset } from '../../subgraphs/media/src/worker/asset-leases';
import { openWorkerHarness, type WorkerHarness } from '../../subgraphs/media/test/worker/support/worker-harness';
import { deflatedZeros, docxFrame, DOCUMENT_XML_START, hugePng, lavfiVideo, writeZip } from './support/bombs';

const GIB = 1024 * 1024 * 1024;
const MB = 1000 * 1000;

/**
 * Each bomb goes through the real worker pipeline (stored original, lease, scan step without a
 * scanner, processing, FAILED with its event) and must end FAILED with its stable code leading
 * the failure reason, which is what the API's `failureReason` shows the owner.
 */
describe('case 3: every unpacking step is bounded', () => {
  jest.setTimeout(180_000);
  let dir: string;
  let harness: WorkerHarness;
  // Deflating a GiB takes seconds; the two 1 GiB bombs share one stream.
  let gibOfZeros: ReturnType<typeof deflatedZeros> | undefined;
  const zerosGib = () => (gibOfZeros ??= deflatedZeros(GIB));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'unpacking-'));
    harness = await openWorkerHarness();
    await harness.startWorker({ concurrency: 1 });
  });
  afterAll(async () => {
    await harness?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function failedWith(file: string, kind: MediaKind, contentType: string, code: string): Promise<WorkedAsset> {
    const asset = await harness.upload(file, kind, contentType);
    const [done] = await harness.waitFor([asset._id], (a) => a.status === 'FAILED' || a.status === 'READY', 150_000);
    expect({ status: done!.status, reason: done!.failureReason }).toEqual({ status: 'FAILED', reason: expect.stringMatching(new RegExp(`^${code}: `)) });
    return done!;
  }

  it('a 1 MB DOCX whose document.xml inflates to 1 GiB: ARCHIVE_TOO_LARGE, and the worker grows by ≤ 100 MB', async () => {
    const zeros = await zerosGib();
    const file = join(dir, 'bomb.docx');
    await writeZip(file, [...docxFrame(), { name: 'word/document.xml', deflated: zeros }]);
    expect(zeros.data.length).toBeLessThan(2 * MB);

    // The worker runs in this process: its peak RSS while the bomb is processed, against before.
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    try {
      await failedWith(file, 'DOCUMENT', DOCX_TYPE, 'ARCHIVE_TOO_LARGE');
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    process.stdout.write(`DOCX bomb: worker RSS ${Math.round(before / MB)} → peak ${Math.round(peak / MB)} MB\n`);
    expect((peak - before) / MB).toBeLessThanOrEqual(100);
  });

  it('a DOCX whose central directory claims a small document.xml that inflates to 1 GiB: ARCHIVE_INVALID', async () => {
    const zeros = await zerosGib();
    const file = join(dir, 'lying.docx');
    // Both headers say 4 KiB; the deflate stream says otherwise. Total and ratio look harmless as declared.
    await writeZip(file, [...docxFrame(), { name: 'word/document.xml', deflated: zeros, declaredSize: 4096 }]);
    await failedWith(file, 'DOCUMENT', DOCX_TYPE, 'ARCHIVE_INVALID');
  });

  it('a DOCX of a compression ratio no document has (64 MiB − 1 KiB of zeros, under the size bound): ARCHIVE_RATIO_TOO_HIGH', async () => {
    const zeros = await deflatedZeros(64 * 1024 * 1024 - 1024);
    const file = join(dir, 'ratio.docx');
    await writeZip(file, [...docxFrame(), { name: 'word/document.xml', deflated: zeros }]);
    await failedWith(file, 'DOCUMENT', DOCX_TYPE, 'ARCHIVE_RATIO_TOO_HIGH');
  });

  it('a DOCX with 100,000 entries: ARCHIVE_TOO_MANY_ENTRIES', async () => {
    const file = join(dir, 'entries.docx');
    const empty = Array.from({ length: 100_000 }, (_, i) => ({ name: `word/media/${i}.xml`, stored: Buffer.alloc(0) }));
    await writeZip(file, [
      ...docxFrame(),
      { name: 'word/document.xml', stored: Buffer.from(`${DOCUMENT_XML_START}hi</w:t></w:r></w:p></w:body></w:document>`) },
      ...empty,
    ]);
    await failedWith(file, 'DOCUMENT', DOCX_TYPE, 'ARCHIVE_TOO_MANY_ENTRIES');
  });

  it('a 66-byte PNG declaring 50000×50000 pixels: IMAGE_TOO_LARGE', async () => {
    const file = join(dir, 'huge.png');
    await writeFile(file, hugePng(50_000, 50_000));
    await failedWith(file, 'IMAGE', 'image/png', 'IMAGE_TOO_LARGE');
  });

  it('a PDF of 5,000 pages: PDF_TOO_MANY_PAGES', async () => {
    const file = join(dir, 'pages.pdf');
    await new Promise<void>((resolve, reject) => {
      const doc = new PDFDocument({ autoFirstPage: false });
      const out = createWriteStream(file).on('finish', resolve).on('error', reject);
      doc.pipe(out);
      for (let page = 0; page < 5000; page++) doc.addPage({ size: [72, 72] });
      doc.end();
    });
    await failedWith(file, 'DOCUMENT', 'application/pdf', 'PDF_TOO_MANY_PAGES');
  });

  it('a 2 KB video whose probe says 10 hours: MEDIA_TOO_LONG', async () => {
    const file = join(dir, 'long.mp4');
    lavfiVideo(file, 'color=c=black:size=64x64:rate=1/600:duration=36000');
    await failedWith(file, 'VIDEO', 'video/mp4', 'MEDIA_TOO_LONG');
  });

  it('an 8K video: VIDEO_RESOLUTION_TOO_HIGH', async () => {
    const file = join(dir, '8k.mp4');
    lavfiVideo(file, 'color=c=black:size=7680x4320:rate=1:duration=1');
    await failedWith(file, 'VIDEO', 'video/mp4', 'VIDEO_RESOLUTION_TOO_HIGH');
  });
});
