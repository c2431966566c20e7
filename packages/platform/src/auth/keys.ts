import { createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { calculateJwkThumbprint, type JSONWebKeySet, type JWK } from 'jose';
import { ConfigError } from '../errors';
import { rsaPrivateKeyProblem } from './config';

const generateRsaKeyPair = promisify(generateKeyPair);

export const SIGNING_ALGORITHM = 'RS256';
const MODULUS_BITS = 2048;

export interface SigningKey {
  /** RFC 7638 thumbprint of the public key: stable across restarts and identical on every replica. */
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly publicJwk: JWK;
  /** When the key was created (embedded) or its position in the configured list (distributed). */
  readonly createdAt: Date;
}

export async function signingKeyFromPem(pem: string, createdAt: Date): Promise<SigningKey> {
  const problem = rsaPrivateKeyProblem(pem);
  if (problem) throw new Error(`signing key ${problem}`);
  return signingKeyFromObject(createPrivateKey(pem), createdAt);
}

async function signingKeyFromObject(privateKey: KeyObject, createdAt: Date): Promise<SigningKey> {
  const publicKey = createPublicKey(privateKey);
  const { n, e } = publicKey.export({ format: 'jwk' });
  const kid = await calculateJwkThumbprint({ kty: 'RSA', n, e }, 'sha256');
  const publicJwk: JWK = { kty: 'RSA', n, e, kid, alg: SIGNING_ALGORITHM, use: 'sig' };
  return { kid, privateKey, publicKey, publicJwk, createdAt };
}

export async function generateSigningKey(createdAt = new Date()): Promise<SigningKey> {
  const { privateKey } = await generateRsaKeyPair('rsa', { modulusLength: MODULUS_BITS });
  return signingKeyFromObject(privateKey, createdAt);
}

/**
 * The keys a service signs and verifies access tokens with. The newest key signs; every key in the
 * ring verifies and is published in the JWKS, so tokens signed before a rotation stay valid until
 * they expire.
 */
export class KeyRing {
  private keys: SigningKey[];

  constructor(keys: readonly SigningKey[]) {
    if (keys.length === 0) throw new Error('a key ring needs at least one key');
    this.keys = sortOldestFirst(keys);
  }

  /** The key new tokens are signed with. */
  signingKey(): SigningKey {
    return this.keys[this.keys.length - 1] as SigningKey;
  }

  verificationKey(kid: string): KeyObject | undefined {
    return this.keys.find((key) => key.kid === kid)?.publicKey;
  }

  kids(): string[] {
    return this.keys.map((key) => key.kid);
  }

  /** The public JWKS document (newest key first); never contains private material. */
  jwks(): JSONWebKeySet {
    return { keys: [...this.keys].reverse().map((key) => ({ ...key.publicJwk })) };
  }

  /** Makes `key` the signer; the previous keys keep verifying. Adding a key already present is a no-op. */
  add(key: SigningKey): void {
    if (this.keys.some((existing) => existing.kid === key.kid)) return;
    this.keys = sortOldestFirst([...this.keys, key]);
  }

  /**
   * Drops keys that were replaced more than `graceSeconds` ago (use the access token lifetime plus
   * clock tolerance: after that no token they signed can still be valid). Returns the dropped kids.
   */
  retireExpired(now: Date, graceSeconds: number): string[] {
    const cutoff = now.getTime() - graceSeconds * 1000;
    const retired = this.keys.filter((key, index) => {
      const successor = this.keys[index + 1];
      return successor !== undefined && successor.createdAt.getTime() <= cutoff;
    });
    this.keys = this.keys.filter((key) => !retired.includes(key));
    return retired.map((key) => key.kid);
  }
}

const sortOldestFirst = (keys: readonly SigningKey[]): SigningKey[] =>
  [...keys].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());

/** Distributed mode: keys come from configuration, oldest first, so the last one signs. */
export async function keyRingFromPems(pems: readonly string[]): Promise<KeyRing> {
  // Synthetic, increasing timestamps keep the configured order as the signing order.
  return new KeyRing(await Promise.all(pems.map((pem, index) => signingKeyFromPem(pem, new Date(index * 1000)))));
}

const KEY_FILE = /^(\d{13})-([A-Za-z0-9_-]{43})\.pem$/;

/**
 * Embedded mode: keys live as one PEM per file under `<dataDir>/keys/` (directory 0700, files 0600),
 * named `<createdAtMs>-<kid>.pem`. Files are created exclusively and never rewritten, so two
 * processes starting together cannot overwrite each other's key.
 */
export class KeyDirectory {
  readonly directory: string;

  constructor(dataDir: string) {
    this.directory = path.join(dataDir, 'keys');
  }

  async load(): Promise<SigningKey[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.directory);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const keys: SigningKey[] = [];
    for (const name of names.sort()) {
      const match = KEY_FILE.exec(name);
      if (!match) continue;
      const file = path.join(this.directory, name);
      const key = await signingKeyFromPem(await fs.readFile(file, 'utf8'), new Date(Number(match[1])));
      // A file whose name and content disagree was edited by hand or corrupted; refuse to guess.
      if (key.kid !== match[2]) throw new Error(`key file ${file} does not hold the key its name says (${key.kid})`);
      keys.push(key);
    }
    return keys;
  }

  async save(key: SigningKey): Promise<void> {
    await fs.mkdir(this.directory, { recursive: true, mode: 0o700 });
    const pem = key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const file = path.join(this.directory, `${String(key.createdAt.getTime()).padStart(13, '0')}-${key.kid}.pem`);
    await fs.writeFile(file, pem, { mode: 0o600, flag: 'wx' });
  }

  async remove(kid: string): Promise<void> {
    const names = await fs.readdir(this.directory);
    await Promise.all(names.filter((name) => KEY_FILE.exec(name)?.[2] === kid).map((name) => fs.rm(path.join(this.directory, name))));
  }
}

/** A key ring that persists generated keys, so tokens survive a restart. */
export class PersistentKeyRing extends KeyRing {
  private constructor(
    keys: SigningKey[],
    private readonly store: KeyDirectory,
    private readonly clock: () => Date,
  ) {
    super(keys);
  }

  /** Loads the keys under `<dataDir>/keys/`, generating and saving the first one if there is none. */
  static async open(dataDir: string, clock: () => Date = () => new Date()): Promise<PersistentKeyRing> {
    const store = new KeyDirectory(dataDir);
    const keys = await store.load();
    if (keys.length === 0) {
      const first = await generateSigningKey(clock());
      await store.save(first);
      keys.push(first);
    }
    return new PersistentKeyRing(keys, store, clock);
  }

  /** Generates a new signer, saved before it signs anything. Returns its kid. */
  async rotate(): Promise<string> {
    const key = await generateSigningKey(this.clock());
    await this.store.save(key);
    this.add(key);
    return key.kid;
  }

  /** Drops superseded keys older than the grace period from memory and disk. */
  async retire(graceSeconds: number): Promise<string[]> {
    const retired = this.retireExpired(this.clock(), graceSeconds);
    for (const kid of retired) await this.store.remove(kid);
    return retired;
  }
}

export interface OpenKeyRingOptions {
  /** From `AuthConfig.privateKeysPem`; when non-empty the ring is exactly these keys. */
  privateKeysPem: readonly string[];
  /** Where embedded-mode keys are kept (`<dataDir>/keys/`). */
  dataDir: string;
  nodeEnv?: 'development' | 'production' | 'test';
}

/**
 * The issuer's key ring: configured keys when given, otherwise generated ones persisted under
 * DATA_DIR. Production refuses generated keys because replicas would each invent their own.
 */
export async function openKeyRing({ privateKeysPem, dataDir, nodeEnv }: OpenKeyRingOptions): Promise<KeyRing> {
  if (privateKeysPem.length > 0) return keyRingFromPems(privateKeysPem);
  if (nodeEnv === 'production') {
    throw new ConfigError('users', ['JWT_PRIVATE_KEYS: is required when NODE_ENV=production (generated keys are for embedded mode)']);
  }
  return PersistentKeyRing.open(dataDir);
}
