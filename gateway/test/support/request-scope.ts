import { AsyncLocalStorage } from 'node:async_hooks';
import diagnostics_channel from 'node:diagnostics_channel';

/**
 * Tells work an HTTP request caused from background work (outbox relays, the media worker's sweep,
 * the notifications poller) in a process that runs a whole stack. Node publishes
 * `http.server.request.start` just before a server emits 'request'; entering a store there makes
 * everything the request handler runs, synchronously or later, see it, while timers started
 * elsewhere do not.
 */
const requestScope = new AsyncLocalStorage<true>();
const enter = (): void => requestScope.enterWith(true);

/** Starts marking requests; returns the function that stops it. */
export function markRequestScopes(): () => void {
  diagnostics_channel.subscribe('http.server.request.start', enter);
  return () => diagnostics_channel.unsubscribe('http.server.request.start', enter);
}

/** True when the current code runs on behalf of an HTTP request to a server of this process. */
export const causedByRequest = (): boolean => requestScope.getStore() === true;
