import { createReadStream } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { permanentFailure, transientFailure } from './errors';

/**
 * A short ClamAV `clamd` client speaking INSTREAM (clamd's documented stream protocol):
 *   "zINSTREAM\0", then chunks as <4-byte big-endian length><bytes>, then a zero length;
 *   clamd answers "stream: OK\0", "stream: <signature> FOUND\0" or "<message> ERROR\0".
 * Written here rather than taken from npm because it is ~100 lines and the maintained clients
 * either shell out to clamdscan or pull in a dependency tree for the same three messages.
 */
export interface ClamdAddress {
  /** TCP host; ignored when `socketPath` is set. */
  host?: string;
  port?: number;
  /** A Unix socket path (clamd's `LocalSocket`). */
  socketPath?: string;
  /** Gives up (a transient failure) when clamd does not answer within this time. */
  timeoutMs?: number;
}

export type ScanVerdict = { verdict: 'CLEAN' } | { verdict: 'INFECTED'; signature: string };

export interface VirusScanner {
  scanFile(path: string): Promise<ScanVerdict>;
  ping(): Promise<boolean>;
}

/** clamd's default StreamMaxLength is 25 MB; chunks well below its buffer keep memory flat. */
const CHUNK_BYTES = 64 * 1024;

export function createClamdScanner(address: ClamdAddress): VirusScanner {
  const timeoutMs = address.timeoutMs ?? 60_000;

  const open = (): Socket =>
    address.socketPath ? connect({ path: address.socketPath }) : connect({ host: address.host ?? '127.0.0.1', port: address.port ?? 3310 });

  /** Sends one command over a fresh connection, lets `write` stream a body, and returns the reply. */
  const exchange = (command: string, write?: (socket: Socket) => Promise<void>): Promise<string> =>
    new Promise((resolve, reject) => {
      const socket = open();
      const chunks: Buffer[] = [];
      let settled = false;
      const finish = (error: Error | null, reply?: string) => {
        if (settled) return;
        settled = true;
        socket.destroy();
        if (error) reject(error);
        else resolve(reply ?? '');
      };
      socket.setTimeout(timeoutMs, () => finish(transientFailure('The virus scanner did not answer.', `clamd timed out after ${timeoutMs} ms`)));
      socket.on('error', (error) => finish(transientFailure('The virus scanner is not reachable.', error.message)));
      socket.on('data', (chunk) => chunks.push(chunk));
      socket.on('end', () => finish(null, Buffer.concat(chunks).toString('utf8').replace(/\0+$/, '').trim()));
      socket.on('connect', () => {
        socket.write(`z${command}\0`);
        if (!write) return;
        write(socket).catch((error: Error) => finish(transientFailure('The file could not be read for scanning.', error.message)));
      });
    });

  const streamFile = (path: string) => async (socket: Socket) => {
    for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
      const body = chunk as Buffer;
      const length = Buffer.alloc(4);
      length.writeUInt32BE(body.length);
      // Respect back-pressure: clamd reads as fast as it scans.
      if (!socket.write(Buffer.concat([length, body]))) await new Promise((resolve) => socket.once('drain', resolve));
      if (socket.destroyed) return; // clamd answered early (size limit) and closed
    }
    socket.write(Buffer.alloc(4)); // zero-length chunk: end of stream
  };

  return {
    async scanFile(path) {
      const reply = await exchange('INSTREAM', streamFile(path));
      return parseReply(reply);
    },
    async ping() {
      try {
        return (await exchange('PING')) === 'PONG';
      } catch {
        return false;
      }
    },
  };
}

export function parseReply(reply: string): ScanVerdict {
  const found = /^stream: (.+) FOUND$/.exec(reply);
  if (found?.[1]) return { verdict: 'INFECTED', signature: found[1] };
  if (reply === 'stream: OK') return { verdict: 'CLEAN' };
  // Another attempt would hit the same limit (clamd's StreamMaxLength).
  if (/size limit exceeded/i.test(reply)) throw permanentFailure('The file is too large to be scanned for viruses.', `clamd replied: ${reply}`);
  // "INSTREAM size limit exceeded. ERROR" and friends: clamd could not decide, so neither can we.
  throw transientFailure('The virus scanner could not scan the file.', `clamd replied: ${reply}`);
}
