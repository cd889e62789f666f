import { createHash, createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { Source, User } from '../../../shared/domain';
import { TriadError } from '../../../shared/errors';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import { SYSTEM_ACTOR, type Actor, type AuditLog } from '../governance/audit';
import { decryptPrivateKey, decryptPrivateKeySync, encryptPrivateKey, encryptPrivateKeySync, type KeyEnvelope } from './keyCrypto';
import { readInstallationSecret, readOrCreateInstallationSecret } from './installationSecret';
import { rawPublicKey, verifierKey } from './signedNote';

export type KeyOwnerKind = 'installation' | 'user';

export interface SigningKeyInfo {
  id: string;
  ownerKind: KeyOwnerKind;
  ownerId: string | null;
  name: string;
  /** Raw Ed25519 public key, base64. */
  publicKey: string;
  verifierKey: string;
  createdAt: number;
  retiredAt: number | null;
}

/** An unlocked key, held in memory only. */
export interface Signer {
  keyId: string;
  name: string;
  privateKey: KeyObject;
  rawPublicKey: Buffer;
}

interface KeyRow {
  id: string;
  owner_kind: KeyOwnerKind;
  owner_id: string | null;
  name: string;
  public_key: string;
  private_key_enc: string;
  created_at: number;
  retired_at: number | null;
}

function toInfo(row: KeyRow): SigningKeyInfo {
  const raw = Buffer.from(row.public_key, 'base64');
  return {
    id: row.id,
    ownerKind: row.owner_kind,
    ownerId: row.owner_id,
    name: row.name,
    publicKey: row.public_key,
    verifierKey: verifierKey(row.name, raw),
    createdAt: row.created_at,
    retiredAt: row.retired_at,
  };
}

interface NewKey {
  id: string;
  rawPub: Buffer;
  pkcs8: Buffer;
  privateKey: KeyObject;
}

function generate(): NewKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const rawPub = rawPublicKey(publicKey);
  // The id is the key's fingerprint: SHA-256 of the raw public key, in hex.
  const id = createHash('sha256').update(rawPub).digest('hex');
  return { id, rawPub, pkcs8: privateKey.export({ format: 'der', type: 'pkcs8' }), privateKey };
}

/**
 * Ed25519 signing keys: one active key for the installation (checkpoints) and
 * one per user (exports, sign-offs). Private keys are stored encrypted; public
 * keys are recorded in the ledger through the audit log, and retired keys are
 * kept so that what they signed stays verifiable after rotation.
 */
export class KeyStore {
  private installationSigner: Signer | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly keysDir: string,
    private readonly audit: AuditLog,
    private readonly origin: () => string,
  ) {}

  list(): SigningKeyInfo[] {
    return (this.db.prepare('SELECT * FROM signing_keys ORDER BY created_at, id').all() as KeyRow[]).map(toInfo);
  }

  get(id: string): SigningKeyInfo | null {
    const row = this.db.prepare('SELECT * FROM signing_keys WHERE id = ?').get(id) as KeyRow | undefined;
    return row ? toInfo(row) : null;
  }

  activeInstallationKey(): SigningKeyInfo | null {
    const row = this.activeRow('installation', null);
    return row ? toInfo(row) : null;
  }

  activeUserKey(userId: string): SigningKeyInfo | null {
    const row = this.activeRow('user', userId);
    return row ? toInfo(row) : null;
  }

  /** At workspace open: the installation key, created (with its secret file) when missing. */
  ensureInstallationKey(): SigningKeyInfo {
    const existing = this.activeInstallationKey();
    if (existing) return existing;
    const secret = readOrCreateInstallationSecret(this.keysDir);
    const key = generate();
    const envelope = encryptPrivateKeySync(key.pkcs8, secret, key.id);
    this.db.transaction(() => {
      // Another process may have created it meanwhile: keep theirs.
      if (this.activeRow('installation', null)) return;
      this.insert(key, envelope, 'installation', null, this.origin());
      this.recordKeyEvent('key.create', SYSTEM_ACTOR, 'system', key.id, null);
    }).immediate();
    return this.activeInstallationKey()!;
  }

  /** The installation key, unlocked with the secret in keys/ (cached for this process). */
  installation(): Signer {
    const row = this.activeRow('installation', null);
    if (!row) throw new TriadError('INTERNAL', 'This workspace has no installation key.', 'Reopen the workspace; it creates one.');
    if (this.installationSigner?.keyId === row.id) return this.installationSigner;
    const pkcs8 = decryptPrivateKeySync(JSON.parse(row.private_key_enc) as KeyEnvelope, readInstallationSecret(this.keysDir), row.id);
    this.installationSigner = this.signerOf(row, pkcs8);
    return this.installationSigner;
  }

  /** Retires the installation key and makes a new one; checkpoints it signed stay verifiable. */
  rotateInstallationKey(by: Actor, source: Source | 'system'): SigningKeyInfo {
    const secret = readOrCreateInstallationSecret(this.keysDir);
    const key = generate();
    const envelope = encryptPrivateKeySync(key.pkcs8, secret, key.id);
    this.db.transaction(() => {
      const old = this.activeRow('installation', null);
      if (old) this.db.prepare('UPDATE signing_keys SET retired_at = ? WHERE id = ?').run(this.clock.now(), old.id);
      this.insert(key, envelope, 'installation', null, this.origin());
      this.recordKeyEvent('key.rotate', by, source, key.id, old?.id ?? null);
    }).immediate();
    this.installationSigner = null;
    return this.activeInstallationKey()!;
  }

  /** A user's key, created with their password when they have none (at creation or first sign-in). */
  async ensureUserKey(user: User, password: string, source: Source | 'system'): Promise<SigningKeyInfo> {
    const existing = this.activeUserKey(user.id);
    if (existing) return existing;
    const key = generate();
    const envelope = await encryptPrivateKey(key.pkcs8, password, key.id);
    this.db.transaction(() => {
      if (this.activeRow('user', user.id)) return;
      this.insert(key, envelope, 'user', user.id, `${this.origin()}/user/${user.username}`);
      this.recordKeyEvent('key.create', { id: user.id, username: user.username, role: user.role }, source, key.id, null);
    }).immediate();
    return this.activeUserKey(user.id)!;
  }

  /** Replaces a user's key; the password must unlock the current one. */
  async rotateUserKey(user: User, password: string, source: Source | 'system'): Promise<SigningKeyInfo> {
    const old = this.activeRow('user', user.id);
    if (old) await this.unlockUserKey(user.id, password);
    const key = generate();
    const envelope = await encryptPrivateKey(key.pkcs8, password, key.id);
    this.db.transaction(() => {
      if (old) this.db.prepare('UPDATE signing_keys SET retired_at = ? WHERE id = ? AND retired_at IS NULL').run(this.clock.now(), old.id);
      this.insert(key, envelope, 'user', user.id, `${this.origin()}/user/${user.username}`);
      this.recordKeyEvent('key.rotate', { id: user.id, username: user.username, role: user.role }, source, key.id, old?.id ?? null);
    }).immediate();
    return this.activeUserKey(user.id)!;
  }

  /** After a password change: the same key, encrypted under the new password. */
  async rewrapUserKey(user: User, current: string, next: string): Promise<void> {
    const row = this.activeRow('user', user.id);
    if (!row) return;
    let pkcs8: Buffer;
    try {
      pkcs8 = await decryptPrivateKey(JSON.parse(row.private_key_enc) as KeyEnvelope, current, row.id);
    } catch {
      // Encrypted under some other password: it cannot be carried over, so it is retired.
      this.retireUserKey(user, { id: user.id, username: user.username, role: user.role }, 'system');
      return;
    }
    const envelope = await encryptPrivateKey(pkcs8, next, row.id);
    this.db.prepare('UPDATE signing_keys SET private_key_enc = ? WHERE id = ?').run(JSON.stringify(envelope), row.id);
  }

  /** Retires a user's key (an admin reset their password); a new one is made at their next sign-in. */
  retireUserKey(user: User, by: Actor, source: Source | 'system'): void {
    this.db.transaction(() => {
      const row = this.activeRow('user', user.id);
      if (!row) return;
      this.db.prepare('UPDATE signing_keys SET retired_at = ? WHERE id = ?').run(this.clock.now(), row.id);
      this.audit.record({ actor: by, source, action: 'key.retire', target: `key:${row.id}`, before: { keyId: row.id, owner: 'user', ownerId: user.id } });
    })();
  }

  async unlockUserKey(userId: string, password: string): Promise<Signer> {
    const row = this.activeRow('user', userId);
    if (!row) throw new TriadError('NOT_FOUND', 'This user has no signing key yet.', 'It is created when the user next signs in.');
    const pkcs8 = await decryptPrivateKey(JSON.parse(row.private_key_enc) as KeyEnvelope, password, row.id);
    return this.signerOf(row, pkcs8);
  }

  private signerOf(row: KeyRow, pkcs8: Buffer): Signer {
    return { keyId: row.id, name: row.name, privateKey: createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }), rawPublicKey: Buffer.from(row.public_key, 'base64') };
  }

  private activeRow(kind: KeyOwnerKind, ownerId: string | null): KeyRow | undefined {
    return this.db
      .prepare('SELECT * FROM signing_keys WHERE owner_kind = ? AND owner_id IS ? AND retired_at IS NULL ORDER BY created_at DESC LIMIT 1')
      .get(kind, ownerId) as KeyRow | undefined;
  }

  private insert(key: NewKey, envelope: KeyEnvelope, kind: KeyOwnerKind, ownerId: string | null, name: string): void {
    this.db
      .prepare('INSERT INTO signing_keys (id, owner_kind, owner_id, name, public_key, private_key_enc, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(key.id, kind, ownerId, name, key.rawPub.toString('base64'), JSON.stringify(envelope), this.clock.now());
  }

  /** The public key goes into the ledger with the event, so verify can tell a genuine key from a planted one. */
  private recordKeyEvent(action: 'key.create' | 'key.rotate', actor: Actor, source: Source | 'system', keyId: string, retiredId: string | null): void {
    const info = this.get(keyId)!;
    this.audit.record({
      actor,
      source,
      action,
      target: `key:${keyId}`,
      ...(retiredId ? { before: { keyId: retiredId } } : {}),
      after: { keyId, owner: info.ownerKind, ownerId: info.ownerId, name: info.name, algorithm: 'ed25519', publicKey: info.publicKey, verifierKey: info.verifierKey },
    });
  }
}
