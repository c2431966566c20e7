import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { limitExceeded, type ProcessingFailure } from './errors';
import { formatBytes, RATIO_FLOOR_BYTES, type ArchiveLimits } from './limits';

/** What inspecting a ZIP container proved, and the entries the caller asked to keep. */
export interface InspectedArchive {
  /** Every entry's name, in central-directory order (folders included). */
  names: string[];
  /** The inflated bytes of the entries `keep` chose. */
  kept: Map<string, Buffer>;
  /** Sum of the inflated sizes, as measured while inflating (not as declared). */
  totalBytes: number;
}

const INVALID = 'The document is not a valid Office file.';

/**
 * Reads a ZIP container (DOCX, PPTX) with yauzl, which validates the central directory, entry
 * names and ZIP64 records, and inflates every entry as a stream whose bytes are counted as they
 * come: the entry count, the total inflated size and each entry's compression ratio are checked
 * first against what the directory declares and then against what inflating actually yields, and
 * the inflate stops at the first byte over a bound. Nothing is inflated whole into memory except
 * the entries `keep` asks for, whose sum the size bound caps. Every entry is inflated (not only the
 * kept ones) so that the sizes the file declares are proven, not believed.
 */
export async function inspectZip(path: string, limits: ArchiveLimits, keep: (name: string) => boolean = () => false): Promise<InspectedArchive> {
  const zip = await openZip(path);
  // yauzl may report a broken archive on the ZipFile at any moment; an unheard 'error' would crash the worker.
  let archiveError: Error | undefined;
  zip.on('error', (error: Error) => (archiveError = error));
  try {
    if (zip.entryCount > limits.maxEntries) throw tooManyEntries(zip.entryCount, limits);
    const names: string[] = [];
    const kept = new Map<string, Buffer>();
    let totalBytes = 0;
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      names.push(entry.fileName);
      if (names.length > limits.maxEntries) throw tooManyEntries(names.length, limits);
      if (entry.fileName.endsWith('/')) continue;
      if (totalBytes + entry.uncompressedSize > limits.maxBytes) throw tooLarge(limits, `${entry.fileName} declares ${entry.uncompressedSize} bytes`);
      checkRatio(entry.fileName, entry.uncompressedSize, entry.compressedSize, limits);
      if (entry.isEncrypted() || !entry.canDecodeFileData())
        throw limitExceeded('ARCHIVE_INVALID', 'The document uses an unsupported compression or encryption.', entry.fileName);
      const inflated = await inflateBounded(zip, entry, limits, totalBytes, keep(entry.fileName));
      totalBytes += inflated.bytes;
      if (inflated.data) kept.set(entry.fileName, inflated.data);
    }
    if (archiveError) throw invalid(archiveError);
    return { names, kept, totalBytes };
  } finally {
    zip.close();
  }
}

function openZip(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (error, zip) => {
      if (error || !zip) reject(invalid(error ?? new Error('no archive')));
      else resolve(zip);
    });
  });
}

function nextEntry(zip: ZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const settle = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (entry: Entry) => (settle(), resolve(entry));
    const onEnd = () => (settle(), resolve(null));
    const onError = (error: Error) => (settle(), reject(invalid(error)));
    zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
    zip.readEntry();
  });
}

function inflateBounded(zip: ZipFile, entry: Entry, limits: ArchiveLimits, bytesBefore: number, keep: boolean): Promise<{ bytes: number; data?: Buffer }> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) return reject(invalid(error ?? new Error('no stream')));
      const chunks: Buffer[] = [];
      let bytes = 0;
      const stop = (failure: ProcessingFailure) => {
        stream.destroy();
        reject(failure);
      };
      (stream as Readable)
        .on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          // yauzl also refuses more bytes than declared; checked here too so the bound never depends on it.
          if (bytes > entry.uncompressedSize) return stop(invalid(new Error(`${entry.fileName} inflates past its declared ${entry.uncompressedSize} bytes`)));
          if (bytesBefore + bytes > limits.maxBytes) return stop(tooLarge(limits, `${entry.fileName} inflated past the bound`));
          try {
            checkRatio(entry.fileName, bytes, entry.compressedSize, limits);
          } catch (failure) {
            return stop(failure as ProcessingFailure);
          }
          if (keep) chunks.push(chunk);
        })
        .on('error', (streamError: Error) => reject(invalid(streamError)))
        .on('end', () => resolve(keep ? { bytes, data: Buffer.concat(chunks) } : { bytes }));
    });
  });
}

function checkRatio(name: string, inflated: number, compressed: number, limits: ArchiveLimits): void {
  if (inflated <= RATIO_FLOOR_BYTES) return;
  const ratio = inflated / Math.max(1, compressed);
  if (ratio > limits.maxRatio)
    throw limitExceeded(
      'ARCHIVE_RATIO_TOO_HIGH',
      `The document is compressed more than ${limits.maxRatio} to 1, which no real document is.`,
      `${name}: ${inflated} bytes from ${compressed}`,
    );
}

const tooLarge = (limits: ArchiveLimits, detail: string) =>
  limitExceeded('ARCHIVE_TOO_LARGE', `The document unpacks to more than ${formatBytes(limits.maxBytes)}.`, detail);
const tooManyEntries = (count: number, limits: ArchiveLimits) =>
  limitExceeded('ARCHIVE_TOO_MANY_ENTRIES', `The document holds more than ${limits.maxEntries} parts.`, `${count} entries`);
const invalid = (error: Error) => limitExceeded('ARCHIVE_INVALID', INVALID, error.message);
