import { z } from 'zod';
import { PASSWORD, STREAM_ID } from './fields';
import { method } from './method';

/** The tamper-evident ledger: status, verification, checkpoints, proofs, keys and retention. */

export const LedgerProblemSchema = z.object({
  code: z.string(),
  entry: z.number().int().nullable(),
  checkpoint: z.number().int().nullable(),
  message: z.string(),
});

export const VerifyReportSchema = z.object({
  ok: z.boolean(),
  checkedAt: z.string(),
  size: z.number().int(),
  rootHash: z.string(),
  checkpoints: z.number().int(),
  firstBadEntry: z.number().int().nullable(),
  summary: z.string(),
  problemCount: z.number().int(),
  problems: z.array(LedgerProblemSchema),
});
export type VerifyReport = z.infer<typeof VerifyReportSchema>;

export const CheckpointSchema = z.object({
  seq: z.number().int(),
  size: z.number().int(),
  rootHash: z.string(),
  at: z.string(),
  keyId: z.string(),
  reason: z.string(),
  /** The C2SP signed note, as an offline verifier reads it. */
  note: z.string(),
});
export type Checkpoint = z.infer<typeof CheckpointSchema>;

export const SigningKeySchema = z.object({
  id: z.string(),
  ownerKind: z.enum(['installation', 'user']),
  ownerId: z.string().nullable(),
  name: z.string(),
  publicKey: z.string(),
  verifierKey: z.string(),
  createdAt: z.string(),
  retiredAt: z.string().nullable(),
  /** Retired keys sign nothing new but still verify what they signed. */
  status: z.enum(['active', 'retired']),
});
export type SigningKey = z.infer<typeof SigningKeySchema>;

export const LedgerStatusSchema = z.object({
  origin: z.string(),
  size: z.number().int(),
  rootHash: z.string(),
  lastCheckpoint: CheckpointSchema.nullable(),
  lastVerification: z
    .object({ at: z.string(), ok: z.boolean(), size: z.number().int(), firstBadEntry: z.number().int().nullable(), problemCount: z.number().int(), summary: z.string() })
    .nullable(),
  /** Entries appended since the last verification (its own records aside); null when never verified. */
  sinceVerification: z.number().int().nullable(),
  installationKey: SigningKeySchema.nullable(),
});
export type LedgerStatus = z.infer<typeof LedgerStatusSchema>;

export const LedgerEntrySchema = z.object({
  index: z.number().int(),
  kind: z.string(),
  ref: z.string(),
  at: z.string(),
  /** One line: the audit action, or the trace's model and status. */
  summary: z.string(),
});

export const InclusionProofSchema = z.object({
  entry: z.object({ index: z.number().int(), kind: z.string(), ref: z.string(), at: z.string(), body: z.unknown() }),
  leafHash: z.string(),
  treeSize: z.number().int(),
  rootHash: z.string(),
  proof: z.array(z.string()),
  verified: z.boolean(),
  checkpoint: z.object({ seq: z.number().int(), size: z.number().int(), at: z.string(), note: z.string() }).nullable(),
});
export type InclusionProofResult = z.infer<typeof InclusionProofSchema>;

export const ConsistencyProofSchema = z.object({
  fromSize: z.number().int(),
  toSize: z.number().int(),
  fromRoot: z.string(),
  toRoot: z.string(),
  proof: z.array(z.string()),
  verified: z.boolean(),
});

export const RetentionClassSchema = z.object({
  name: z.string(),
  model: z.string().nullable(),
  minAgeDays: z.number().int(),
  maxAgeDays: z.number().int().nullable(),
  updatedAt: z.string(),
});

export const LegalHoldSchema = z.object({
  id: z.string(),
  scope: z.string(),
  reason: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  releasedAt: z.string().nullable(),
});

const PurgeCandidateSchema = z.object({
  traceId: z.string(),
  model: z.string(),
  user: z.string(),
  endedAt: z.string(),
  retentionClass: z.string(),
  holdId: z.string().nullable(),
});

export const PurgeResultSchema = z.object({
  dryRun: z.boolean(),
  purged: z.number().int(),
  eligible: z.array(PurgeCandidateSchema),
  held: z.array(PurgeCandidateSchema),
});

const ENTRY_REF = z.string().trim().min(1, 'Give an entry number or a trace / audit event id').max(200);

export const ledgerMethods = {
  'ledger.status': method({
    summary: "The ledger's size, root, last checkpoint and last verification",
    access: 'authenticated',
    input: z.object({}),
    output: LedgerStatusSchema,
  }),
  'ledger.verify': method({
    summary: 'Recompute the tree from the entries, check every checkpoint and name the first bad entry (a job with progress; recorded)',
    access: 'authenticated',
    input: z.object({ jobId: STREAM_ID.optional() }),
    output: VerifyReportSchema,
  }),
  'ledger.entries': method({
    summary: 'Ledger entries, newest first',
    access: 'audit.read',
    input: z.object({ limit: z.number().int().min(1).max(1000).default(50), offset: z.number().int().min(0).default(0) }),
    output: z.array(LedgerEntrySchema),
  }),
  'ledger.checkpoints': method({
    summary: 'Signed checkpoints, newest first',
    access: 'audit.read',
    input: z.object({ limit: z.number().int().min(1).max(1000).default(50) }),
    output: z.array(CheckpointSchema),
  }),
  'ledger.checkpoint': method({
    summary: 'Sign a checkpoint of the ledger now',
    access: 'audit.read',
    input: z.object({}),
    output: CheckpointSchema,
  }),
  'ledger.proof': method({
    summary: 'An inclusion proof for one entry (by number, trace id or audit event id)',
    access: 'audit.read',
    input: z.object({ entry: ENTRY_REF }),
    output: InclusionProofSchema,
  }),
  'ledger.consistency': method({
    summary: 'A consistency proof between two checkpoints',
    access: 'audit.read',
    input: z.object({ from: z.number().int().min(1), to: z.number().int().min(1) }),
    output: ConsistencyProofSchema,
  }),
  'ledger.keys': method({
    summary: 'Signing keys (public parts), retired ones included',
    access: 'audit.read',
    input: z.object({}),
    output: z.array(SigningKeySchema),
  }),
  'ledger.rotateKey': method({
    summary: 'Retire the installation key and sign with a new one; earlier checkpoints stay verifiable',
    access: 'settings.manage',
    input: z.object({}),
    output: z.object({ key: SigningKeySchema, checkpoint: CheckpointSchema }),
  }),
  'ledger.cancelJob': method({
    summary: 'Cancel a running verification started by you (or anyone, for an admin)',
    access: 'authenticated',
    input: z.object({ jobId: STREAM_ID }),
    output: z.object({ cancelled: z.boolean() }),
  }),
  'ledger.publicKey': method({
    summary: 'A public key as SPKI PEM (the installation key unless a key id or id prefix is given), for reviewers to hold offline',
    access: 'authenticated',
    input: z.object({ keyId: z.string().trim().min(8, 'Give at least 8 characters of the key id').max(64).regex(/^[0-9a-f]+$/, 'Key ids are hex').optional() }),
    output: z.object({ key: SigningKeySchema, pem: z.string() }),
  }),
  'ledger.rotateMyKey': method({
    summary: 'Retire your own signing key and make a new one; needs your password; what the old key signed stays verifiable',
    access: 'authenticated',
    input: z.object({ password: PASSWORD }),
    output: z.object({ key: SigningKeySchema, retired: SigningKeySchema.nullable() }),
  }),
  'ledger.cosign': method({
    summary: 'Add your signature to the latest signed checkpoint (a reviewer sign-off); needs your password',
    access: 'audit.read',
    input: z.object({ password: PASSWORD }),
    output: CheckpointSchema,
  }),
  'retention.classes': method({
    summary: 'Retention classes: minimum and maximum age of trace content',
    access: 'audit.read',
    input: z.object({}),
    output: z.array(RetentionClassSchema),
  }),
  'retention.setClass': method({
    summary: 'Create or change a retention class',
    access: 'settings.manage',
    input: z.object({
      name: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, 'Use letters, digits, dot, dash or underscore'),
      model: z.string().trim().min(1).max(200).nullable().default(null),
      minAgeDays: z.number().int().min(0).max(36_500).default(0),
      maxAgeDays: z.number().int().min(0).max(36_500).nullable().default(null),
    }),
    output: RetentionClassSchema,
  }),
  'retention.holds': method({
    summary: 'Legal holds in force (or all, with released ones)',
    access: 'audit.read',
    input: z.object({ includeReleased: z.boolean().default(false) }),
    output: z.array(LegalHoldSchema),
  }),
  'retention.placeHold': method({
    summary: 'Place a legal hold that blocks purging',
    access: 'settings.manage',
    input: z.object({ scope: z.string().trim().min(1).max(300), reason: z.string().trim().min(1, 'Say why the hold is placed').max(1000) }),
    output: LegalHoldSchema,
  }),
  'retention.releaseHold': method({
    summary: 'Release a legal hold',
    access: 'settings.manage',
    input: z.object({ id: z.string().min(1) }),
    output: LegalHoldSchema,
  }),
  'retention.purge': method({
    summary: 'Purge trace content past its retention class (dry run first); commitments stay in the ledger',
    access: 'settings.manage',
    input: z.object({ dryRun: z.boolean().default(true) }),
    output: PurgeResultSchema,
  }),
};
