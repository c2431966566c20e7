import { createHash } from 'node:crypto';
import type { JWSHeaderParameters, KeyLike } from 'jose';
import type { VerifiedViewer } from './tokens';

interface Remembered {
  viewer: VerifiedViewer;
  notBeforeMs: number;
  expiresAtMs: number;
  header: { alg: string; kid?: string };
  /** The key object the signature was checked with; a different answer from the key source means re-verify. */
  key: KeyLike;
}

export interface TokenValidity {
  notBeforeSeconds: number;
  expiresAtSeconds: number;
  header: { alg: string; kid?: string };
  key: KeyLike;
}

/**
 * Access tokens that verified, so a token is checked in full (signature, issuer, audience, type,
 * claims) once, and each later use costs a hash and a map look-up. What every use still checks:
 *  - the time: an entry is never trusted before `nbf` or after `exp` (with the same clock
 *    tolerance as a full verification); past `exp` it is dropped and the full check refuses it;
 *  - the key: the key source must still hand out the very key the signature was checked with for
 *    that `kid`, so a key retired from the ring (or dropped from the issuer's JWKS) stops its
 *    tokens at once, exactly as without the cache.
 * Only successes are kept: a forged, tampered or expired token is verified, and refused, every time.
 * Entries are keyed by the token's SHA-256, so the cache holds no usable token. Bounded: the least
 * recently used entry goes first. Access tokens stay valid until they expire whatever happens to
 * their session (docs/identity.md), so remembering them changes no revocation rule.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Remembered>();

  constructor(private readonly maxEntries: number) {}

  get size(): number {
    return this.entries.size;
  }

  async recall(
    token: string,
    nowMs: number,
    toleranceMs: number,
    currentKey: (header: JWSHeaderParameters) => Promise<KeyLike>,
  ): Promise<VerifiedViewer | undefined> {
    if (this.maxEntries === 0) return undefined;
    const id = keyOf(token);
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (nowMs >= entry.expiresAtMs + toleranceMs || nowMs < entry.notBeforeMs - toleranceMs) {
      this.entries.delete(id);
      return undefined;
    }
    const key = await currentKey(entry.header).catch(() => undefined);
    if (key !== entry.key) {
      this.entries.delete(id);
      return undefined;
    }
    // Most recently used goes last, so the oldest entry is the first one Map iteration yields.
    this.entries.delete(id);
    this.entries.set(id, entry);
    return entry.viewer;
  }

  remember(token: string, viewer: VerifiedViewer, validity: TokenValidity): void {
    if (this.maxEntries === 0) return;
    const id = keyOf(token);
    this.entries.delete(id);
    while (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(id, {
      viewer: Object.freeze(viewer),
      notBeforeMs: validity.notBeforeSeconds * 1000,
      expiresAtMs: validity.expiresAtSeconds * 1000,
      header: validity.header,
      key: validity.key,
    });
  }
}

const keyOf = (token: string): string => createHash('sha256').update(token).digest('base64url');
