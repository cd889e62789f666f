import type { ModelVersionDetail } from '../../../shared/methods/models';
import { formatBytes, formatCount } from '../format/format';

export interface DiffRow {
  field: string;
  a: string;
  b: string;
  changed: boolean;
}

type Getter = (v: ModelVersionDetail) => string | number | null | undefined;

const FIELDS: [string, Getter][] = [
  ['sha256', (v) => v.sha256],
  ['size', (v) => formatBytes(v.sizeBytes)],
  ['architecture', (v) => v.architecture],
  ['parameters', (v) => formatCount(v.parameterCount)],
  ['quantization', (v) => v.metadata?.quantization],
  ['file type', (v) => v.metadata?.fileType ?? v.fileType],
  ['context length', (v) => v.metadata?.contextLength ?? v.contextLength],
  ['embedding size', (v) => v.metadata?.embeddingLength],
  ['layers', (v) => v.metadata?.blockCount],
  ['attention heads', (v) => v.metadata?.headCount],
  ['KV heads', (v) => v.metadata?.headCountKv],
  ['feed-forward size', (v) => v.metadata?.feedForwardLength],
  ['vocabulary', (v) => v.metadata?.vocabSize],
  ['tensors', (v) => v.metadata?.tensorCount],
  ['tokenizer', (v) => v.metadata?.tokenizer],
  ['chat template', (v) => v.metadata?.chatTemplate],
  ['est. memory', (v) => (v.metadata ? formatBytes(v.metadata.memory.totalBytes) : null)],
  ['stage', (v) => v.stage],
  ['risk tier', (v) => v.card.riskTier],
  ['created by', (v) => v.createdBy],
];

function text(value: string | number | null | undefined): string {
  return value === null || value === undefined || value === '' ? '—' : String(value);
}

/** Metadata of two versions side by side; provenance keys from either file are added at the end. */
export function metadataRows(a: ModelVersionDetail, b: ModelVersionDetail): DiffRow[] {
  const rows = FIELDS.map(([field, get]) => ({ field, a: text(get(a)), b: text(get(b)) }));
  const keys = new Set([...Object.keys(a.metadata?.provenance ?? {}), ...Object.keys(b.metadata?.provenance ?? {})]);
  for (const key of [...keys].sort()) rows.push({ field: key, a: text(a.metadata?.provenance[key]), b: text(b.metadata?.provenance[key]) });
  return rows.map((r) => ({ ...r, changed: r.a !== r.b }));
}
