import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import mammoth from 'mammoth';
import sharp from 'sharp';
import { permanentFailure } from './errors';
import type { ProcessingResult } from './results';
import { runTool, ToolExitError } from './run-tool';
import { openZip, type ZipArchive } from './zip-reader';

export interface DocumentOptions {
  /** Extracted text is cut at this many characters (it is for search, not for reading). */
  maxTextChars?: number;
  /** Width of the PDF first-page preview in pixels. */
  previewWidth?: number;
  timeoutMs?: number;
}

const DEFAULT_MAX_TEXT = 1_000_000;

export async function processPdf(input: string, outDir: string, options: DocumentOptions = {}): Promise<ProcessingResult> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const info = await poppler('pdfinfo', [input], timeoutMs);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  if (!Number.isInteger(pages) || pages < 1) throw permanentFailure('The PDF has no pages.');
  const text = await poppler('pdftotext', ['-enc', 'UTF-8', '-q', input, '-'], timeoutMs);

  // First page only, rendered by poppler and stored as WebP (smaller than poppler's PNG).
  await mkdir(outDir, { recursive: true });
  const width = options.previewWidth ?? 800;
  const pngBase = join(outDir, 'preview-page');
  await poppler('pdftoppm', ['-png', '-f', '1', '-l', '1', '-singlefile', '-scale-to-x', String(width), '-scale-to-y', '-1', input, pngBase], timeoutMs);
  const preview = await sharp(`${pngBase}.png`).webp({ quality: 80 }).toFile(join(outDir, 'preview.webp'));
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

export async function processDocx(input: string, _outDir: string, options: DocumentOptions = {}): Promise<ProcessingResult> {
  let text: string;
  try {
    text = (await mammoth.extractRawText({ path: input })).value;
  } catch (error) {
    throw permanentFailure('The Word document could not be read.', (error as Error).message);
  }
  // Word stores the page count it last laid out in docProps/app.xml; a generated file may not.
  const pages = appPropertiesPages(await openZip(input));
  return { metadata: pages ? { pageCount: pages } : {}, text: normaliseText(text, options), renditions: [] };
}

/** PPTX: the text runs (`<a:t>`) of every slide, in slide order; the page count is the slide count. */
export async function processPptx(input: string, _outDir: string, options: DocumentOptions = {}): Promise<ProcessingResult> {
  const zip = await openZip(input);
  const slides = zip
    .names()
    .map((name) => ({ name, number: Number(/^ppt\/slides\/slide(\d+)\.xml$/.exec(name)?.[1]) }))
    .filter((slide) => Number.isInteger(slide.number))
    .sort((a, b) => a.number - b.number);
  if (slides.length === 0) throw permanentFailure('The presentation has no slides.');
  const text = slides
    .map((slide) => {
      const xml = zip.read(slide.name)?.toString('utf8') ?? '';
      const paragraphs = xml
        .split(/<\/a:p>/)
        .map((paragraph) => [...paragraph.matchAll(/<a:t(?:\s[^>]*)?>([^<]*)<\/a:t>/g)].map((run) => decodeXml(run[1] ?? '')).join(''));
      return paragraphs.filter((paragraph) => paragraph.trim()).join('\n');
    })
    .join('\n\n');
  return { metadata: { pageCount: slides.length }, text: normaliseText(text, options), renditions: [] };
}

function appPropertiesPages(zip: ZipArchive): number | undefined {
  const pages = Number(/<Pages>(\d+)<\/Pages>/.exec(zip.read('docProps/app.xml')?.toString('utf8') ?? '')?.[1]);
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
