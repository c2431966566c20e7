import { createHash } from 'node:crypto';
import {
  decideRefresh,
  hashRefreshToken,
  looksLikeRefreshToken,
  mintRefreshToken,
  type RefreshTokenState,
} from '../../src/auth';

const NOW = new Date('2030-01-01T00:00:00Z');
const DAY = 86_400_000;

describe('refresh token minting', () => {
  it('mints opaque 256-bit tokens and exposes only their SHA-256 for storage', () => {
    const minted = mintRefreshToken({ ttlSeconds: 86400, now: NOW });
    expect(minted.token).toMatch(/^sgr_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(minted.token.slice(4), 'base64url')).toHaveLength(32);
    expect(minted.hash).toBe(createHash('sha256').update(minted.token).digest('hex'));
    expect(minted.hash).not.toContain(minted.token.slice(4));
    expect(hashRefreshToken(minted.token)).toBe(minted.hash);
    expect(minted.expiresAt).toEqual(new Date(NOW.getTime() + DAY));
    expect(minted.familyId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('starts a new family per login and keeps it across rotations', () => {
    const login = mintRefreshToken({ ttlSeconds: 60 });
    const other = mintRefreshToken({ ttlSeconds: 60 });
    expect(other.familyId).not.toBe(login.familyId);
    expect(other.token).not.toBe(login.token);
    expect(mintRefreshToken({ ttlSeconds: 60, familyId: login.familyId }).familyId).toBe(login.familyId);
  });

  it('recognises the token shape before any storage lookup', () => {
    expect(looksLikeRefreshToken(mintRefreshToken({ ttlSeconds: 60 }).token)).toBe(true);
    expect(looksLikeRefreshToken('sgr_short')).toBe(false);
    expect(looksLikeRefreshToken('eyJhbGciOiJSUzI1NiJ9.e30.sig')).toBe(false);
  });
});

describe('refresh rotation policy', () => {
  const live: RefreshTokenState = { familyId: 'f1', expiresAt: new Date(NOW.getTime() + DAY) };

  it.each<[string, RefreshTokenState | undefined, ReturnType<typeof decideRefresh>]>([
    ['an unspent live token rotates', live, { action: 'rotate', familyId: 'f1' }],
    ['an unknown token is rejected', undefined, { action: 'reject', reason: 'unknown' }],
    ['an expired token is rejected', { ...live, expiresAt: NOW }, { action: 'reject', reason: 'expired' }],
    ['a token of a revoked family is rejected', { ...live, revokedAt: NOW }, { action: 'reject', reason: 'revoked' }],
    ['a spent token revokes its family', { ...live, spentAt: NOW }, { action: 'revoke_family', familyId: 'f1' }],
    ['a spent and expired token still revokes its family', { ...live, spentAt: NOW, expiresAt: new Date(0) }, { action: 'revoke_family', familyId: 'f1' }],
  ])('%s', (_name, state, expected) => {
    expect(decideRefresh(state, NOW)).toEqual(expected);
  });

  it('drives a store: rotate, then a replay of the old token kills the new one too', () => {
    const store = new Map<string, RefreshTokenState>();
    const issue = (familyId?: string) => {
      const minted = mintRefreshToken({ ttlSeconds: 86400, now: NOW, ...(familyId ? { familyId } : {}) });
      store.set(minted.hash, { familyId: minted.familyId, expiresAt: minted.expiresAt });
      return minted.token;
    };
    const refresh = (token: string): string | null => {
      const hash = hashRefreshToken(token);
      const decision = decideRefresh(store.get(hash), NOW);
      if (decision.action === 'rotate') {
        store.set(hash, { ...(store.get(hash) as RefreshTokenState), spentAt: NOW });
        return issue(decision.familyId);
      }
      if (decision.action === 'revoke_family') {
        for (const [key, state] of store) if (state.familyId === decision.familyId) store.set(key, { ...state, revokedAt: NOW });
      }
      return null;
    };

    const first = issue();
    const second = refresh(first);
    expect(second).not.toBeNull();
    expect(refresh(first)).toBeNull(); // stolen copy replayed
    expect(refresh(second as string)).toBeNull(); // the legitimate holder is signed out too
  });
});
