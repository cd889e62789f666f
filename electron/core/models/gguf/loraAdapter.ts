/**
 * GGUF LoRA adapters in llama.cpp's format (what convert_lora_to_gguf.py writes and
 * llama-adapter.cpp reads): `general.type = "adapter"`, `adapter.type = "lora"`,
 * `adapter.lora.alpha`, the base's `general.architecture`, and for each adapted base
 * tensor W a pair `<W name>.lora_a` / `<W name>.lora_b`.
 *
 * Shapes (GGUF dims, innermost first), for a base W of [n_in, n_out]:
 * lora_a is [n_in, rank] and lora_b is [rank, n_out]. llama.cpp computes
 * W·x + s·B·(A·x) with s = scale · alpha / rank, so an adapter whose alpha equals its
 * rank applies exactly B·A at scale 1.
 */
import { GGUF_DEFAULT_ALIGNMENT, kv, writeGguf } from './ggufWriter';
import type { GgufTensorSpec } from './ggufWriter';
import { FILE_TYPE_ALL_F32 } from './llamaLayout';

export const LORA_A_SUFFIX = '.lora_a';
export const LORA_B_SUFFIX = '.lora_b';

export interface LoraTensorSpec {
  /** The base tensor this pair adapts, e.g. `output.weight`. */
  target: string;
  /** The base tensor's first (input) and second (output) dimension. */
  inputDim: number;
  outputDim: number;
  rank: number;
  /** Fill functions as in GgufTensorSpec (`out` arrives zeroed). */
  fillA?: (chunkStart: number, out: Float32Array) => void;
  fillB?: (chunkStart: number, out: Float32Array) => void;
}

export interface LoraAdapterSpec {
  name: string;
  architecture?: string;
  /** Defaults to the rank of the first tensor pair, so scale 1 applies B·A as is. */
  alpha?: number;
  tensors: readonly LoraTensorSpec[];
}

export async function writeLoraAdapter(filePath: string, spec: LoraAdapterSpec): Promise<void> {
  const first = spec.tensors[0];
  if (first === undefined) throw new Error('A LoRA adapter needs at least one tensor pair');
  const tensors: GgufTensorSpec[] = spec.tensors.flatMap((t) => [
    { name: `${t.target}${LORA_A_SUFFIX}`, dims: [t.inputDim, t.rank], ...(t.fillA ? { fill: t.fillA } : {}) },
    { name: `${t.target}${LORA_B_SUFFIX}`, dims: [t.rank, t.outputDim], ...(t.fillB ? { fill: t.fillB } : {}) },
  ]);
  await writeGguf(filePath, {
    metadata: [
      kv.string('general.architecture', spec.architecture ?? 'llama'),
      kv.string('general.type', 'adapter'),
      kv.string('general.name', spec.name),
      kv.uint32('general.file_type', FILE_TYPE_ALL_F32),
      kv.uint32('general.alignment', GGUF_DEFAULT_ALIGNMENT),
      kv.string('adapter.type', 'lora'),
      kv.float32('adapter.lora.alpha', spec.alpha ?? first.rank),
    ],
    tensors,
  });
}
