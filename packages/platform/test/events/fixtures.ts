import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { newId } from '../../src/ids';
import { type EventOf, createEvent } from '../../src/events';

/** Shared helpers of the event-system tests. */

export function enrolled(courseId: string, sequence: number, userId = newId()): EventOf<'COURSE_ENROLLED'> {
  return createEvent('COURSE_ENROLLED', { user_id: userId, course_id: courseId, course_title: `Course ${courseId} #${sequence}` });
}

export function registered(userId = newId()): EventOf<'USER_REGISTERED'> {
  return createEvent('USER_REGISTERED', { user_id: userId, email: `u${userId.slice(-6)}@example.com`, name: 'Ada', provider: 'password' });
}

/** Polls until `check` returns true; fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000, everyMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

export async function temporaryDirectory(prefix: string): Promise<{ path: string; remove(): Promise<void> }> {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), `skillgraph-${prefix}-`));
  return { path: directory, remove: () => fs.rm(directory, { recursive: true, force: true }) };
}

/** A topic no other test uses, so suites sharing one broker never see each other's messages. */
export const uniqueTopic = (name: string): string => `test.${name}.${newId().slice(-12)}`;

/** Resolves once, from outside: for handlers a test wants to hold or fail at a chosen moment. */
export function deferred<T = void>(): { promise: Promise<T>; resolve(value: T): void; reject(error: unknown): void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
