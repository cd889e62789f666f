import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * C2SP signed notes (c2sp.org/signed-note) carrying tlog checkpoints
 * (c2sp.org/tlog-checkpoint): the text "origin\nsize\nbase64(root)\n", a blank
 * line, then one line per signature: "— name base64(keyhash[4] ‖ sig[64])".
 * The signature covers the text exactly, so plain OpenSSL can check it.
 */

const ED25519_ALG = 0x01;
const EM_DASH = '\u2014';
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface CheckpointBody {
  origin: string;
  size: number;
  rootHash: Buffer;
}

export interface NoteSignature {
  name: string;
  keyHash: Buffer;
  signature: Buffer;
}

export function checkpointText(c: CheckpointBody): string {
  return `${c.origin}\n${c.size}\n${c.rootHash.toString('base64')}\n`;
}

export function parseCheckpointText(text: string): CheckpointBody | null {
  const lines = text.split('\n');
  if (lines.length < 4 || lines.at(-1) !== '') return null;
  const [origin, size, root] = lines;
  if (!origin || !size || !root || !/^(0|[1-9][0-9]*)$/.test(size)) return null;
  const rootHash = Buffer.from(root, 'base64');
  if (rootHash.length !== 32 || rootHash.toString('base64') !== root) return null;
  return { origin, size: Number(size), rootHash };
}

/** Key names may not contain spaces or '+' (signed-note spec). */
export function validKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/.test(name);
}

export function rawPublicKey(key: KeyObject): Buffer {
  const der = key.export({ format: 'der', type: 'spki' });
  return der.subarray(der.length - 32);
}

export function publicKeyFromRaw(raw: Buffer): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** The 4-byte key hash: SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key)[:4]. */
export function keyHash(name: string, rawPub: Buffer): Buffer {
  return createHash('sha256').update(name, 'utf8').update('\n').update(Buffer.from([ED25519_ALG])).update(rawPub).digest().subarray(0, 4);
}

/** The verifier key string of the signed-note spec: name+hex(keyhash)+base64(0x01 ‖ key). */
export function verifierKey(name: string, rawPub: Buffer): string {
  return `${name}+${keyHash(name, rawPub).toString('hex')}+${Buffer.concat([Buffer.from([ED25519_ALG]), rawPub]).toString('base64')}`;
}

export function signNote(text: string, name: string, privateKey: KeyObject, rawPub: Buffer): string {
  const sig = sign(null, Buffer.from(text, 'utf8'), privateKey);
  const blob = Buffer.concat([keyHash(name, rawPub), sig]).toString('base64');
  return `${text}\n${EM_DASH} ${name} ${blob}\n`;
}

export function splitNote(note: string): { text: string; signatures: NoteSignature[] } | null {
  const cut = note.lastIndexOf('\n\n');
  if (cut < 0 || !note.endsWith('\n')) return null;
  const text = note.slice(0, cut + 1);
  const signatures: NoteSignature[] = [];
  for (const line of note.slice(cut + 2, -1).split('\n')) {
    const m = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/.exec(line);
    if (!m) return null;
    const blob = Buffer.from(m[2]!, 'base64');
    if (blob.length !== 68) return null;
    signatures.push({ name: m[1]!, keyHash: blob.subarray(0, 4), signature: blob.subarray(4) });
  }
  return signatures.length ? { text, signatures } : null;
}

export function verifyNoteSignature(text: string, sig: NoteSignature, rawPub: Buffer): boolean {
  if (!keyHash(sig.name, rawPub).equals(sig.keyHash)) return false;
  return verify(null, Buffer.from(text, 'utf8'), publicKeyFromRaw(rawPub), sig.signature);
}

/**
 * The note with one more signature line (a co-signature over the same text),
 * or null when this key has signed it already.
 */
export function addNoteSignature(note: string, name: string, privateKey: KeyObject, rawPub: Buffer): string | null {
  const parsed = splitNote(note);
  if (!parsed) return null;
  const hash = keyHash(name, rawPub);
  if (parsed.signatures.some((s) => s.name === name && s.keyHash.equals(hash))) return null;
  const signed = signNote(parsed.text, name, privateKey, rawPub);
  return `${note}${signed.slice(parsed.text.length + 1)}`;
}

/** The public key as SPKI PEM, the form OpenSSL and most tools read. */
export function publicKeyPem(raw: Buffer): string {
  return publicKeyFromRaw(raw).export({ type: 'spki', format: 'pem' }).toString();
}
