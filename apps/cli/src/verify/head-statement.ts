import type { Env } from '@ashiato/config';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { canonicalJson, DEFAULT_DB_PATH } from '@ashiato/event-store';

/** What `ashiato verify --head` signs: which log, how far, its head hash, when. */
export interface HeadStatement {
  kind: 'ashiato-log-head';
  logId: string;
  position: number;
  hash: string;
  signedAt: string;
  /** False where the adapter keeps no chain (EventStoreDB): the head was read, not verified. */
  chainVerified: boolean;
}

/** The file an auditor keeps: the statement, the Ed25519 signature over its canonical JSON, and the public key. */
export interface SignedHeadStatement {
  statement: HeadStatement;
  algorithm: 'Ed25519';
  publicKey: string;
  /** sha256 of the public key (SPKI, DER): compare it with the fingerprint you trust. */
  keyFingerprint: string;
  signature: string;
}

export const SIGNING_KEY_FILE = 'signing-key.pem';

/** The data directory: where the SQLite log lives (ASHIATO_DB), else ./data. */
export function dataDir(db: string): string {
  if (!db || db === ':memory:' || db.startsWith('file:')) return dirname(DEFAULT_DB_PATH);
  return dirname(db);
}

/**
 * The signing key: ASHIATO_SIGNING_KEY (an Ed25519 private key, PKCS#8 PEM) if set, else
 * `<data dir>/signing-key.pem`, created (mode 0600) on first use.
 */
export function loadSigningKey(env: Pick<Env, 'ASHIATO_SIGNING_KEY' | 'ASHIATO_DB'>): { key: KeyObject; source: string } {
  if (env.ASHIATO_SIGNING_KEY) return { key: ed25519(createPrivateKey(env.ASHIATO_SIGNING_KEY)), source: 'ASHIATO_SIGNING_KEY' };
  const file = join(dataDir(env.ASHIATO_DB), SIGNING_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    try {
      writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      // Another process created it first: use theirs.
      if ((err as { code?: string }).code !== 'EEXIST') throw err;
    }
  }
  return { key: ed25519(createPrivateKey(readFileSync(file))), source: file };
}

function ed25519(key: KeyObject): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519')
    throw Object.assign(new Error('the signing key must be an Ed25519 private key (PKCS#8 PEM)'), { code: 'SIGNING_KEY_INVALID' });
  return key;
}

export function fingerprint(publicKey: KeyObject): string {
  return `sha256:${createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')}`;
}

export function signStatement(statement: HeadStatement, privateKey: KeyObject): SignedHeadStatement {
  const publicKey = createPublicKey(privateKey);
  return {
    statement,
    algorithm: 'Ed25519',
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyFingerprint: fingerprint(publicKey),
    signature: sign(null, Buffer.from(canonicalJson(statement)), privateKey).toString('base64'),
  };
}

/** Checks the signature with the key the file carries; returns that key's fingerprint. Throws when it does not hold. */
export function checkSignature(signed: SignedHeadStatement): { keyFingerprint: string } {
  const bad = (message: string) => Object.assign(new Error(message), { code: 'STATEMENT_SIGNATURE_INVALID' });
  if (!signed || typeof signed !== 'object' || !signed.statement || typeof signed.signature !== 'string' || typeof signed.publicKey !== 'string') {
    throw bad('the file is not a statement written by `ashiato verify --head`');
  }
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey(signed.publicKey);
  } catch {
    throw bad('the statement carries no readable public key');
  }
  if (publicKey.asymmetricKeyType !== 'ed25519') throw bad('the statement is not signed with Ed25519');
  const ok = verify(null, Buffer.from(canonicalJson(signed.statement)), publicKey, Buffer.from(signed.signature, 'base64'));
  if (!ok) throw bad('the signature does not match the statement: the file was altered after it was signed');
  return { keyFingerprint: fingerprint(publicKey) };
}
