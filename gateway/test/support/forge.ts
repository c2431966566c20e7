import { createHmac, createPublicKey, randomUUID, type KeyObject } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const nowSeconds = (): number => Math.floor(Date.now() / 1000);

export interface ForgeKey {
  kid: string;
  privateKey: KeyObject;
}

export interface ForgeOptions {
  issuer?: string;
  audience?: string;
}

/** The claims our issuer puts in an access token, for `sub` with `role`; tests then break one thing. */
export function validClaims(sub: string, role: string, { issuer = 'skillgraph', audience = 'skillgraph-api' }: ForgeOptions = {}): JWTPayload {
  const now = nowSeconds();
  return { sub, role, iss: issuer, aud: audience, iat: now, nbf: now, exp: now + 600, jti: randomUUID() };
}

/** Signs `claims` with RS256 like the real issuer would, with whatever header fields the test wants. */
export async function signRs256(key: ForgeKey, claims: JWTPayload, header: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: key.kid, ...header }).sign(key.privateKey);
}

/** `alg: none`: no signature at all. */
export const unsignedToken = (kid: string, claims: JWTPayload): string => `${b64({ alg: 'none', typ: 'at+jwt', kid })}.${b64(claims)}.`;

/** The classic key-confusion attack: HMAC keyed with the (public!) RSA key's PEM. */
export function hs256WithPublicKey(key: ForgeKey, claims: JWTPayload): string {
  const publicPem = createPublicKey(key.privateKey).export({ type: 'spki', format: 'pem' }).toString();
  const signingInput = `${b64({ alg: 'HS256', typ: 'at+jwt', kid: key.kid })}.${b64(claims)}`;
  return `${signingInput}.${createHmac('sha256', publicPem).update(signingInput).digest('base64url')}`;
}

/** Keeps header and signature, swaps the payload. */
export function withPayload(token: string, claims: JWTPayload): string {
  const [header, , signature] = token.split('.');
  return `${header}.${b64(claims)}.${signature}`;
}

export const decodePayload = (token: string): JWTPayload => JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as JWTPayload;
