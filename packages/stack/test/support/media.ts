import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { openMediaStorage, type MediaStorage } from '@skillgraph/platform/src/storage';
import { openBlobRepository } from '@skillgraph/media/src/data/blob-repository';
import { openMediaAssetRepository } from '@skillgraph/media/src/data/media-asset-repository';
import type { MediaSettings } from '@skillgraph/media/src/config';
import { defaultMediaSettings } from '@skillgraph/media/src/config';
import type { Stack, StackOptions } from '../../src';
import type { Client } from './learning-loop';
import type { GraphQLResponse } from './graphql';
import { startTestStack } from './stack';

export const sha256 = (bytes: Buffer | Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A real PNG of `width`×`height` noise (noise keeps it from compressing to nothing). */
export async function pngBytes(width = 64, height = 64): Promise<Buffer> {
  const raw = randomBytes(width * height * 3);
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/** A Windows executable's first bytes: what a disguised `.exe` starts with. */
export const exeBytes = () => Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'), randomBytes(4096)]);

export interface MediaTestStack {
  stack: Stack;
  media: MediaStorage;
  assets: Awaited<ReturnType<typeof openMediaAssetRepository>>;
  blobs: Awaited<ReturnType<typeof openBlobRepository>>;
  /** The gateway's origin, where files and upload routes are served. */
  origin: string;
  /** The embedded storage's folder (unused when `storage` was passed). */
  directory: string;
  stop(): Promise<void>;
}

/**
 * The whole system with embedded media storage in a folder this test owns (so it can look at what
 * is stored), or the storage it passes (S3 against s3rver).
 */
export async function startMediaStack(
  options: { settings?: Partial<MediaSettings>; storage?: (baseUrl: () => string) => Promise<MediaStorage>; stack?: Partial<StackOptions> } = {},
): Promise<MediaTestStack> {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'skillgraph-media-test-'));
  let origin = '';
  const baseUrl = () => origin;
  const media = options.storage ? await options.storage(baseUrl) : await openMediaStorage({ directory, urlSecret: null }, baseUrl);
  const settings = { ...defaultMediaSettings(), ...options.settings };
  const stack = await startTestStack({ seed: true, media: { storage: media, settings }, ...options.stack });
  origin = new URL(stack.gatewayUrl).origin;
  return {
    stack,
    media,
    assets: await openMediaAssetRepository(stack.stores.media),
    blobs: await openBlobRepository(stack.stores.media),
    origin,
    directory,
    async stop() {
      await stack.stop();
      await fs.rm(directory, { recursive: true, force: true });
    },
  };
}

export interface UploadRequest {
  bytes: Buffer;
  filename: string;
  mimetype: string;
  kind: 'IMAGE' | 'VIDEO' | 'DOCUMENT' | 'AUDIO';
  purpose?: string;
}

export const UPLOAD_MEDIA = `mutation ($file: Upload!, $input: UploadMediaInput!) {
  uploadMedia(file: $file, input: $input) { id status kind filename contentType size purpose }
}`;

export interface UploadedAsset {
  id: string;
  status: string;
  filename: string;
  contentType: string;
  size: number;
}

/** A GraphQL multipart request through the gateway, as a browser's FormData would send it. */
export async function uploadThroughGateway(
  stack: Stack,
  client: Pick<Client, 'token'> | null,
  file: UploadRequest,
): Promise<GraphQLResponse<{ uploadMedia: UploadedAsset }>> {
  const form = new FormData();
  form.append(
    'operations',
    JSON.stringify({ query: UPLOAD_MEDIA, variables: { file: null, input: { kind: file.kind, ...(file.purpose ? { purpose: file.purpose } : {}) } } }),
  );
  form.append('map', JSON.stringify({ 0: ['variables.file'] }));
  // A view of the bytes rather than the Buffer: under the DOM library's types (the browser tests'
  // program) a Buffer is not a BlobPart.
  form.append('0', new Blob([new Uint8Array(file.bytes)], { type: file.mimetype }), file.filename);
  const response = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'apollo-require-preflight': 'true', ...(client ? { authorization: `Bearer ${client.token}` } : {}) },
    body: form,
  });
  const text = await response.text();
  try {
    return { status: response.status, ...(JSON.parse(text) as object) } as GraphQLResponse<{ uploadMedia: UploadedAsset }>;
  } catch {
    throw new Error(`non-JSON upload response ${response.status}: ${text.slice(0, 300)}`);
  }
}

/** Fetches a URL the API returned and reads it whole. */
export async function download(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** What the scanner would do: the tests move assets along through the repository (docs/media.md). */
export async function markScanned(assets: MediaTestStack['assets'], assetId: string): Promise<void> {
  const moved = await assets.transition(
    assetId,
    ['UPLOADED'],
    'CLEAN',
    { scan: { verdict: 'NOT_SCANNED', at: new Date() } },
    { reason: 'no scanner configured' },
  );
  if (!moved) throw new Error(`asset ${assetId} was not UPLOADED`);
}
