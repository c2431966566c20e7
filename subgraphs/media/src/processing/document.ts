import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import sharp, { type OutputInfo } from 'sharp';
import { limitExceeded, permanentFailure } from './errors';
import { DEFAULT_LIMITS, type ArchiveLimits, type PdfLimits } from './limits';
import type { ProcessingResult } from './results';
import { runTool, ToolExitError } from './run-tool';
import { inspectZip } from './zip-inspector';

export interface DocumentOptions {
  /** Extracted text is cut at this many characters (it is for search, not for reading). */
  maxTextChars?: number;
  /** Width of the PDF first-page preview in pixels. */
  previewWidth?: number;
  timeoutMs?: number;
  archive?: ArchiveLimits;
  pdf?: PdfLimits;
  /** Bound on the pixels sharp decodes from the rendered preview. */
  imageMaxPixels?: number;
}

const DEFAULT_MAX_TEXT = 1_000_000;

export async function processPdf(input: string, outDir: string, options: DocumentOptions = {}): Promise<ProcessingResult> {
  const limits = options.pdf ?? DEFAULT_LIMITS.pdf;
  const timeoutMs = Math.min(options.timeoutMs ?? limits.timeoutMs, limits.timeoutMs);
  const info = await poppler('pdfinfo', [input], timeoutMs);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  if (!Number.isInteger(pages) || pages < 1) throw permanentFailure('The PDF has no pages.');
  if (pages > limits.maxPages) throw limitExceeded('PDF_TOO_MANY_PAGES', `The PDF has more than ${limits.maxPages} pages.`, `${pages} pages`);
  // `-l` as well: the page count is what the file says, and poppler must not read past the bound either way.
  const text = await poppler('pdftotext', ['-enc', 'UTF-8', '-q', '-l', String(limits.maxPages), input, '-'], timeoutMs);

  // First page only, rendered by poppler and stored as WebP (smaller than poppler's PNG).
  await mkdir(outDir, { recursive: true });
  const width = options.previewWidth ?? 800;
  const pngBase = join(outDir, 'preview-page');
  await poppler('pdftoppm', ['-png', '-f', '1', '-l', '1', '-singlefile', ...previewScale(info, width), input, pngBase], timeoutMs);
  let preview: OutputInfo;
  try {
    preview = await sharp(`${pngBase}.png`, { limitInputPixels: options.imageMaxPixels ?? DEFAULT_LIMITS.imageMaxPixels })
      .webp({ quality: 80 })
      .toFile(join(outDir, 'preview.webp'));
  } catch (error) {
    throw permanentFailure('The PDF preview could not be made.', (error as Error).message);
  }
  await rm(`${pngBase}.png`, { force: true });
  return {
    metadata: { pageCount: pages },
    text: normaliseText(text, options),
    renditions: [
      {
        role: 'PREVIEW',
        path: 'preview.webp',
        contentType: 'image/webp',
        width: preview.width,
        height: preview.height,
        bytes: (await stat(join(outDir, 'preview.webp'))).size,
      },
    ],
  };
}

/** Pages taller than this many widths are fitted in a square instead of scaled to the width. */
const MAX_PREVIEW_ASPECT = 4;

/**
 * Scaled to the preview width, unless the first page is a sliver (1 pt wide, 14,400 pt tall), which
 * scaled to 800 px wide would be millions of pixels tall: such a page is fitted in a width × width box.
 */
function previewScale(pdfinfo: string, width: number): string[] {
  const size = /^Page size:\s+([\d.]+) x ([\d.]+)/m.exec(pdfinfo);
  const aspect = size ? Number(size[2]) / Number(size[1]) : Number.NaN;
  if (Number.isFinite(aspect) && aspect > 0 && aspect <= MAX_PREVIEW_ASPECT) return ['-scale-to-x', String(width), '-scale-to-y', '-1'];
  return ['-scale-to', String(width)];
}

/**
 * DOCX: mammoth unzips with JSZip, whole and in memory, trusting the sizes the file declares. So the
 * container is first inspected with the bounded reader (every bound checked while inflating), and
 * mammoth is then given a container rebuilt from the XML parts that reader inflated: it never reads
 * a byte of the upload itself, so the two ZIP parsers cannot disagree about what the file holds.
 * Media parts (images) are left out: raw text does not need them.
 */
export async function processDocx(input: string, _outDir: string, options: DocumentOptions = {}): Promise<ProcessingResult> {
  const archive = await inspectZip(input, options.archive ?? DEFAULT_LIMITS.archive, isXmlPart);
  const rebuilt = new JSZip();
  for (const [name, bytes] of archive.kept) rebuilt.file(name, bytes);
  let text: string;
  try {
    const buffer = await rebuilt.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
    text = (await mammoth.extractRawText({ buffer })).value;
  } catch (error) {
    throw permanentFailure('The Word document could not be read.', (error as Error).message);
  }
  // Word stores the page count it last laid out in docProps/app.xml; a generated file may not.
  const pages = appPropertiesPages(archive.kept.get('docProps/app.xml'));
  return { metadata: pages ? { pageCount: pages } : {}, text: normaliseText(text, options), renditions: [] };
}

const SLIDE = /^ppt\/slides\/slide(\d+)\.xml$/;

/** PPTX: the text runs (`<a:t>`) of every slide, in slide order; the page count is the slide count. */
export async function processPptx(input: string, _outDir: string, options: DocumentOptions = {}): Promise<ProcessingResult> {
  const archive = await inspectZip(input, options.archive ?? DEFAULT_LIMITS.archive, (name) => SLIDE.test(name));
  const slides = [...archive.kept.keys()]
    .map((name) => ({ name, number: Number(SLIDE.exec(name)?.[1]) }))
    .filter((slide) => Number.isInteger(slide.number))
    .sort((a, b) => a.number - b.number);
  if (slides.length === 0) throw permanentFailure('The presentation has no slides.');
  const text = slides
    .map((slide) => {
      const xml = archive.kept.get(slide.name)?.toString('utf8') ?? '';
      const paragraphs = xml
        .split(/<\/a:p>/)
        .map((paragraph) => [...paragraph.matchAll(/<a:t(?:\s[^>]*)?>([^<]*)<\/a:t>/g)].map((run) => decodeXml(run[1] ?? '')).join(''));
      return paragraphs.filter((paragraph) => paragraph.trim()).join('\n');
    })
    .join('\n\n');
  return { metadata: { pageCount: slides.length }, text: normaliseText(text, options), renditions: [] };
}

const isXmlPart = (name: string): boolean => /\.(xml|rels)$/i.test(name);

function appPropertiesPages(appXml: Buffer | undefined): number | undefined {
  const pages = Number(/<Pages>(\d+)<\/Pages>/.exec(appXml?.toString('utf8') ?? '')?.[1]);
  return Number.isInteger(pages) && pages > 0 ? pages : undefined;
}
async function poppler(command: string, args: string[], timeoutMs: number): Promise<string> {
  try {
    return (await runTool(command, args, { timeoutMs })).stdout;
  } catch (error) {
    if (error instanceof ToolExitError) throw permanentFailure('The PDF could not be read.', error.message);
    throw error;
  }
}

function normaliseText(text: string, options: DocumentOptions): string {
  const clean = text
    .replace(/\f/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return clean.slice(0, options.maxTextChars ?? DEFAULT_MAX_TEXT);
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    return XML_ENTITIES[entity] ?? whole;
  });
}
