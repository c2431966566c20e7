import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { processImage } from '../../src/processing';
import { makeJpegWithGps, makePng } from './support/fixtures';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'media-image-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('image processing (sharp)', () => {
  it('makes WebP and PNG thumbnails at each width not above the source, with the right dimensions', async () => {
    await makePng(join(dir, 'wide.png'), 2000, 1000);
    const result = await processImage(join(dir, 'wide.png'), join(dir, 'wide'), { widths: [160, 480, 1280] });

    expect(result.metadata).toEqual({ width: 2000, height: 1000 });
    expect(result.renditions.map((r) => [r.path, r.contentType, r.width, r.height])).toEqual([
      ['thumbnails/160.webp', 'image/webp', 160, 80],
      ['thumbnails/160.png', 'image/png', 160, 80],
      ['thumbnails/480.webp', 'image/webp', 480, 240],
      ['thumbnails/480.png', 'image/png', 480, 240],
      ['thumbnails/1280.webp', 'image/webp', 1280, 640],
      ['thumbnails/1280.png', 'image/png', 1280, 640],
    ]);
    for (const rendition of result.renditions) {
      const file = join(dir, 'wide', rendition.path);
      // Decode every pixel, not just the header: the bytes are a real image of that size.
      const { info } = await sharp(file).raw().toBuffer({ resolveWithObject: true });
      expect([info.width, info.height]).toEqual([rendition.width, rendition.height]);
      expect((await sharp(file).metadata()).format).toBe(rendition.contentType === 'image/webp' ? 'webp' : 'png');
      if (rendition.contentType === 'image/webp') expect((await readFile(file)).subarray(8, 12).toString()).toBe('WEBP');
    }
  });

  it('never upscales: a 300 px image gets the 160 px thumbnail only; a 100 px one gets its own width', async () => {
    await makePng(join(dir, 'small.png'), 300, 200);
    const small = await processImage(join(dir, 'small.png'), join(dir, 'small'), { widths: [160, 480, 1280] });
    expect(small.renditions.map((r) => r.path)).toEqual(['thumbnails/160.webp', 'thumbnails/160.png']);

    await makePng(join(dir, 'tiny.png'), 100, 50);
    const tiny = await processImage(join(dir, 'tiny.png'), join(dir, 'tiny'), { widths: [160, 480] });
    expect(tiny.renditions.map((r) => [r.path, r.width, r.height])).toEqual([
      ['thumbnails/100.webp', 100, 50],
      ['thumbnails/100.png', 100, 50],
    ]);
  });

  it('applies the EXIF orientation and strips EXIF (GPS included) from every rendition', async () => {
    const source = join(dir, 'phone.jpg');
    await makeJpegWithGps(source, 400, 200); // stored 400×200, shown 200×400 (orientation 6)
    const sourceMeta = await sharp(source).metadata();
    expect(sourceMeta.exif).toBeDefined();
    expect(sourceMeta.exif?.includes(Buffer.from('TestCam'))).toBe(true);
    // The GPS IFD pointer (tag 0x8825) is in the source's EXIF, in either byte order.
    expect(sourceMeta.exif?.includes(Buffer.from([0x25, 0x88])) || sourceMeta.exif?.includes(Buffer.from([0x88, 0x25]))).toBe(true);
    expect(sourceMeta.orientation).toBe(6);

    const result = await processImage(source, join(dir, 'phone'), { widths: [160] });
    expect(result.metadata).toEqual({ width: 200, height: 400 });
    expect(result.renditions.map((r) => [r.path, r.width, r.height])).toEqual([
      ['thumbnails/160.webp', 160, 320],
      ['thumbnails/160.jpg', 160, 320],
    ]);
    for (const rendition of result.renditions) {
      const file = join(dir, 'phone', rendition.path);
      const meta = await sharp(file).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      const bytes = await readFile(file);
      expect(bytes.includes(Buffer.from('TestCam'))).toBe(false);
      expect(bytes.includes(Buffer.from('Exif\0\0'))).toBe(false);
    }
  });

  it('refuses bytes that are not an image as a permanent failure', async () => {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, 'fake.png'), 'not an image at all');
    await expect(processImage(join(dir, 'fake.png'), join(dir, 'fake'), { widths: [160] })).rejects.toMatchObject({
      name: 'ProcessingFailure',
      permanent: true,
      safeReason: 'The image could not be read.',
    });
  });
});
