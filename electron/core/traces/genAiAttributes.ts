import type { Trace } from '../../../shared/domain';

export type AttrValue = string | number | boolean | string[] | null;

/**
 * A trace as OpenTelemetry GenAI semantic-convention attributes (`gen_ai.*`),
 * with Triad's own facts under `triad.*`. Null values are left out.
 */
export function genAiAttributes(t: Trace): Record<string, AttrValue> {
  const p = t.params;
  const ref = `${t.model.name}@${t.model.version}`;
  const attrs: Record<string, AttrValue> = {
    'gen_ai.operation.name': p.mode === 'chat' ? 'chat' : 'text_completion',
    'gen_ai.provider.name': 'llama.cpp',
    'gen_ai.request.model': ref,
    'gen_ai.response.model': ref,
    'gen_ai.response.id': t.id,
    'gen_ai.request.temperature': p.temperature,
    'gen_ai.request.top_k': p.topK,
    'gen_ai.request.top_p': p.topP,
    'gen_ai.request.max_tokens': p.maxTokens,
    'gen_ai.request.seed': p.seed,
    'gen_ai.request.stop_sequences': p.stop.length > 0 ? [...p.stop] : null,
    'gen_ai.output.type': p.jsonSchema ? 'json' : 'text',
    'gen_ai.response.finish_reasons': t.finishReason === null ? null : [t.finishReason],
    'gen_ai.usage.input_tokens': t.usage?.inputTokens ?? null,
    'gen_ai.usage.output_tokens': t.usage?.outputTokens ?? null,
    'gen_ai.system_instructions': p.system ? JSON.stringify([{ type: 'text', content: p.system }]) : null,
    'gen_ai.input.messages': JSON.stringify(
      (t.inputMessages ?? [{ role: 'user', content: t.input }]).filter((m) => m.role !== 'system').map((m) => ({ role: m.role, parts: [{ type: 'text', content: m.content }] })),
    ),
    'gen_ai.output.messages': JSON.stringify([
      { role: 'assistant', parts: [{ type: 'text', content: t.output }], finish_reason: t.finishReason ?? 'error' },
    ]),
    'user.name': t.user,
    'error.type': t.error?.code ?? null,
    'triad.source': t.source,
    'triad.status': t.status,
    'triad.model.sha256': t.model.sha256,
    'triad.request.min_p': p.minP,
    'triad.request.repeat_penalty': p.repeatPenalty,
    'triad.request.json_schema': p.jsonSchema ? JSON.stringify(p.jsonSchema) : null,
    'triad.lora_adapters': t.loras.length > 0 ? t.loras.map((l) => `${l.name}@${l.version}:${l.scale} sha256:${l.sha256}`) : null,
    'triad.prompt.name': t.prompt?.name ?? null,
    'triad.prompt.version': t.prompt?.version ?? null,
    'triad.prompt.hash': t.prompt?.hash ?? null,
    'triad.timing.ttft_ms': t.timing?.ttftMs ?? null,
    'triad.timing.total_ms': t.timing?.totalMs ?? null,
    'triad.timing.generation_tokens_per_second': t.timing?.tokensPerSecond ?? null,
    'triad.timing.prompt_tokens_per_second': t.timing?.promptTokensPerSecond ?? null,
    'triad.runtime.backend': t.runtime?.backend ?? null,
    'triad.runtime.gpu_layers': t.runtime?.gpuLayers ?? null,
    'triad.runtime.threads': t.runtime?.threads ?? null,
    'triad.runtime.context_size': t.runtime?.contextSize ?? null,
    'triad.runtime.node_llama_cpp_version': t.runtime?.nodeLlamaCppVersion ?? null,
    'triad.runtime.llama_cpp_version': t.runtime?.llamaCppVersion ?? null,
    'triad.resources.peak_rss_bytes': t.resources?.peakRssBytes ?? null,
    'triad.resources.peak_vram_bytes': t.resources?.peakVramBytes ?? null,
    'triad.resources.mean_cpu_percent': t.resources?.meanCpuPercent ?? null,
    'triad.flags': t.flags.length > 0 ? [...t.flags] : null,
    'triad.replay_of': t.replayOf,
  };
  for (const key of Object.keys(attrs)) if (attrs[key] === null) delete attrs[key];
  return attrs;
}
