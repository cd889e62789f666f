/**
 * Checks that a GGUF file is a LoRA adapter llama.cpp can apply to a given base
 * model, from the headers alone (nothing is loaded): the same checks llama.cpp's
 * llama-adapter.cpp makes at load time, done before anything is registered so a
 * bad adapter is refused with a clear message instead of failing a run later.
 */
import { stat } from 'node:fs/promises';
import { readGgufFileInfo } from 'node-llama-cpp';
import type { GgufFileInfo, GgufTensorInfo } from 'node-llama-cpp';
import { TriadError } from '../../../../shared/errors';
import { scanGgufHeader } from '../gguf/ggufHeaderScan';
import { LORA_A_SUFFIX, LORA_B_SUFFIX } from '../gguf/loraAdapter';
import { tensorBytes } from '../gguf/readGgufInfo';

export interface AdapterFacts {
  architecture: string;
  rank: number;
  alpha: number | null;
  /** Base tensors adapted, in file order. */
  targets: string[];
  sizeBytes: number;
}

const HINT = 'Choose a GGUF LoRA adapter (convert_lora_to_gguf.py output) made for this base model.';

function invalid(file: string, reason: string): TriadError {
  return new TriadError('MODEL_INVALID', `${file} is not a usable LoRA adapter: ${reason}`, HINT);
}

async function readHeader(file: string, what: string): Promise<{ info: GgufFileInfo; size: number }> {
  const s = await stat(file).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new TriadError('NOT_FOUND', `${what} not found: ${file}`, 'Check the path.');
    throw invalid(file, `it cannot be read (${(error as Error).message})`);
  });
  if (!s.isFile()) throw invalid(file, 'it is not a regular file');
  try {
    // node-llama-cpp's reader zero-fills past the end of a file; walk the header strictly first (see ggufHeaderScan.ts).
    await scanGgufHeader(file, s.size);
    const info = await readGgufFileInfo(file, {
      sourceType: 'filesystem',
      logWarnings: false,
      ignoreKeys: ['tokenizer.ggml.tokens', 'tokenizer.ggml.scores', 'tokenizer.ggml.token_type', 'tokenizer.ggml.merges'],
      spliceSplitFiles: false,
    });
    return { info, size: s.size };
  } catch (error) {
    throw invalid(file, (error as Error).message);
  }
}

function dims(t: GgufTensorInfo): number[] {
  return t.dimensions.map(Number);
}

export async function inspectAdapter(file: string, baseFile: string, baseRef: string): Promise<AdapterFacts> {
  const { info, size } = await readHeader(file, 'Adapter file');
  const meta = info.metadata as unknown as Record<string, Record<string, unknown> | undefined>;
  const general = meta.general ?? {};
  const adapter = meta.adapter ?? {};
  if (general.type !== 'adapter' || adapter.type !== 'lora') {
    throw invalid(file, `it is not a LoRA adapter (general.type = ${JSON.stringify(general.type ?? null)}, adapter.type = ${JSON.stringify(adapter.type ?? null)})`);
  }
  const tensors = info.tensorInfo ?? [];
  if (tensors.length === 0 || info.infoEndOffset === undefined) throw invalid(file, 'it contains no tensors');
  let required = BigInt(info.infoEndOffset);
  for (const t of tensors) {
    const end = BigInt(info.infoEndOffset) + BigInt(t.offset) + (tensorBytes(t) ?? 0n);
    if (end > required) required = end;
  }
  if (BigInt(size) < required) throw invalid(file, `it is truncated (${size} bytes, the header needs at least ${required})`);

  const base = (await readHeader(baseFile, 'Base model file')).info;
  const architecture = typeof general.architecture === 'string' ? general.architecture : '';
  const baseArch = base.metadata.general?.architecture ?? '';
  if (architecture !== baseArch) {
    throw invalid(file, `it is for the architecture "${architecture || 'unknown'}", but ${baseRef} is "${baseArch}"`);
  }

  const baseTensors = new Map((base.tensorInfo ?? []).map((t) => [t.name, t]));
  const pairs = new Map<string, { a?: GgufTensorInfo; b?: GgufTensorInfo }>();
  for (const t of tensors) {
    const suffix = t.name.endsWith(LORA_A_SUFFIX) ? 'a' : t.name.endsWith(LORA_B_SUFFIX) ? 'b' : null;
    // llama.cpp ignores other tensors (e.g. token_embd overrides are not LoRA pairs); so do we, except to refuse an empty adapter.
    if (suffix === null) continue;
    const target = t.name.slice(0, -LORA_A_SUFFIX.length);
    const pair = pairs.get(target) ?? {};
    pair[suffix] = t;
    pairs.set(target, pair);
  }
  if (pairs.size === 0) throw invalid(file, 'it has no .lora_a/.lora_b tensor pairs');
  let rank = 0;
  for (const [target, { a, b }] of pairs) {
    if (!a || !b) throw invalid(file, `${target} has ${a ? 'lora_a' : 'lora_b'} without its ${a ? 'lora_b' : 'lora_a'}`);
    const w = baseTensors.get(target);
    if (!w) throw invalid(file, `it adapts ${target}, which ${baseRef} does not have`);
    const [wIn, wOut] = dims(w);
    const [aIn, aRank] = dims(a);
    const [bRank, bOut] = dims(b);
    if (aRank !== bRank) throw invalid(file, `${target}: lora_a rank ${aRank} differs from lora_b rank ${bRank}`);
    if (aIn !== wIn || bOut !== wOut) {
      throw invalid(file, `${target} is [${wIn}, ${wOut}] in ${baseRef}, but the adapter expects [${aIn}, ${bOut}] (a model of another shape)`);
    }
    rank = Math.max(rank, aRank ?? 0);
  }
  const alpha = typeof adapter.lora === 'object' && adapter.lora !== null ? (adapter.lora as Record<string, unknown>).alpha : undefined;
  return { architecture, rank, alpha: typeof alpha === 'number' ? alpha : null, targets: [...pairs.keys()], sizeBytes: size };
}
