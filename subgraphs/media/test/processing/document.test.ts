import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { DOCX_TYPE, PPTX_TYPE, processFile, processDocx, processPdf, processPptx } from '../../src/processing';
import { makeDocx, makePdf, makePptx } from './support/fixtures';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'media-docs-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('document processing', () => {
  it('PDF: text of every page, page count, and a first-page WebP preview (pdftotext, pdfinfo, pdftoppm)', async () => {
    const input = join(dir, 'notes.pdf');
    await makePdf(input, ['Graph theory basics', 'Second page about federation', 'Third page: summary']);
    const out = join(dir, 'notes');
    const result = await processPdf(input, out, { previewWidth: 600 });

    expect(result.metadata).toEqual({ pageCount: 3 });
    expect(result.text).toContain('Graph theory basics');
    expect(result.text).toContain('Second page about federation');
    expect(result.text).toContain('Third page: summary');
    expect(result.renditions).toHaveLength(1);
    const preview = result.renditions[0]!;
    expect(preview).toMatchObject({ role: 'PREVIEW', path: 'preview.webp', contentType: 'image/webp', width: 600 });
    const { info } = await sharp(join(out, 'preview.webp')).raw().toBuffer({ resolveWithObject: true });
    expect(info.width).toBe(600);
    // US Letter is 8.5 × 11 in: the preview keeps the page's proportions.
    expect(info.height).toBeCloseTo(600 * (11 / 8.5), -1);
  });

  it('DOCX: text through mammoth and the page count Word recorded', async () => {
    const input = join(dir, 'essay.docx');
    await makeDocx(input, ['Federated schemas', 'Each subgraph owns its types & fields.'], 2);
    const result = await processDocx(input, join(dir, 'essay'));
    expect(result.text).toBe('Federated schemas\n\nEach subgraph owns its types & fields.');
    expect(result.metadata).toEqual({ pageCount: 2 });
  });

  it('PPTX: the text of each slide in slide order, slide count as page count', async () => {
    const input = join(dir, 'deck.pptx');
    await makePptx(input, [['Welcome', 'Agenda & goals'], ['Second slide'], ['Third', 'Thanks <3']]);
    const result = await processPptx(input, join(dir, 'deck'));
    expect(result.metadata).toEqual({ pageCount: 3 });
    expect(result.text).toBe('Welcome\nAgenda & goals\n\nSecond slide\n\nThird\nThanks <3');
  });

  it('dispatches by verified content type, and refuses a broken PDF or DOCX as permanent failures', async () => {
    const docx = join(dir, 'dispatch.docx');
    await makeDocx(docx, ['Dispatched']);
    expect((await processFile('DOCUMENT', DOCX_TYPE, docx, join(dir, 'd1'), { image: { widths: [] } })).text).toBe('Dispatched');
    const pptx = join(dir, 'dispatch.pptx');
    await makePptx(pptx, [['Slide text']]);
    expect((await processFile('DOCUMENT', PPTX_TYPE, pptx, join(dir, 'd2'), { image: { widths: [] } })).text).toBe('Slide text');

    await writeFile(join(dir, 'broken.pdf'), '%PDF-1.4\nthis is not a real pdf');
    await expect(processPdf(join(dir, 'broken.pdf'), join(dir, 'broken'))).rejects.toMatchObject({ permanent: true, safeReason: 'The PDF could not be read.' });
    await writeFile(join(dir, 'broken.docx'), 'PK not a zip');
    await expect(processDocx(join(dir, 'broken.docx'), join(dir, 'broken2'))).rejects.toMatchObject({ permanent: true });
  });
});
