import { createCipheriv, createDecipheriv, randomBytes, scrypt, scryptSync, type ScryptOptions } from 'node:crypto';
import { TriadError } from '../../../shared/errors';

/**
 * Private keys at rest: AES-256-GCM under a key derived from the owner's
 * password with scrypt. The key id is bound in as associated data, so an
 * envelope copied onto another key's row does not open.
 */
export interface KeyEnvelope {
  v: 1;
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  cipher: 'aes-256-gcm';
  iv: string;
  tag: string;
  ct: string;
}

const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;

function scryptOptions(N: number, r: number, p: number): ScryptOptions {
  return { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
}

function deriveAsync(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, 32, scryptOptions(N, r, p), (err, key) => (err ? reject(err) : resolve(key))));
}

function seal(key: Buffer, salt: Buffer, plaintext: Buffer, keyId: string): KeyEnvelope {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(keyId, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return {
    v: 1,
    kdf: 'scrypt',
    ...PARAMS,
    salt: salt.toString('base64'),
    cipher: 'aes-256-gcm',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ct: ct.toString('base64'),
  };
}

function open(key: Buffer, env: KeyEnvelope, keyId: string): Buffer {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(env.iv, 'base64'));
    decipher.setAAD(Buffer.from(keyId, 'utf8'));
    decipher.setAuthTag(Buffer.from(env.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(env.ct, 'base64')), decipher.final()]);
  } catch {
    // GCM cannot tell a wrong password from a damaged envelope; both mean "cannot unlock".
    throw new TriadError('WRONG_PASSWORD', 'The signing key could not be unlocked: the password is wrong or the key is damaged.', 'Use the password of the key\'s owner.');
  }
}

export async function encryptPrivateKey(pkcs8: Buffer, password: string, keyId: string): Promise<KeyEnvelope> {
  const salt = randomBytes(16);
  return seal(await deriveAsync(password, salt, PARAMS.N, PARAMS.r, PARAMS.p), salt, pkcs8, keyId);
}

export function encryptPrivateKeySync(pkcs8: Buffer, password: string, keyId: string): KeyEnvelope {
  const salt = randomBytes(16);
  return seal(scryptSync(password, salt, 32, scryptOptions(PARAMS.N, PARAMS.r, PARAMS.p)), salt, pkcs8, keyId);
}

export async function decryptPrivateKey(env: KeyEnvelope, password: string, keyId: string): Promise<Buffer> {
  return open(await deriveAsync(password, Buffer.from(env.salt, 'base64'), env.N, env.r, env.p), env, keyId);
}

export function decryptPrivateKeySync(env: KeyEnvelope, password: string, keyId: string): Buffer {
  return open(scryptSync(password, Buffer.from(env.salt, 'base64'), 32, scryptOptions(env.N, env.r, env.p)), env, keyId);
}
