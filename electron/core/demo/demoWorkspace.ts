import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { SYSTEM_ACTOR } from '../governance/audit';
import { DEMO_ADAPTER_NAME, DEMO_MODEL_NAME, writeDemoAdapter, writeDemoModel } from '../models/demoModels';
import type { Workspace } from '../workspace';

export interface DemoReport {
  created: string[];
  existing: string[];
}

/**
 * Registers the demo model `demo-assistant` (v1: a clean sentence, v2: one with
 * a fake e-mail address and a test card number) and the LoRA adapter
 * `demo-concise` bound to v1. The GGUF files are generated here, never
 * downloaded. Running it again changes nothing.
 */
export async function ensureDemoWorkspace(ws: Workspace): Promise<DemoReport> {
  const report: DemoReport = { created: [], existing: [] };
  const present = new Set(ws.models.list().find((m) => m.name === DEMO_MODEL_NAME)?.versions.map((v) => v.version) ?? []);
  const adapterPresent = ws.models.adapters.list({ name: DEMO_ADAPTER_NAME }).length > 0;
  if (present.has(1) && present.has(2) && adapterPresent) {
    report.existing.push(`${DEMO_MODEL_NAME}@1`, `${DEMO_MODEL_NAME}@2`, `${DEMO_ADAPTER_NAME}@1`);
    return report;
  }
  const dir = await mkdtemp(join(ws.paths.tmp, 'demo-'));
  try {
    for (const version of [1, 2] as const) {
      const file = join(dir, `demo-assistant-v${version}.gguf`);
      await writeDemoModel(version, file);
      const { version: registered, duplicate } = await ws.models.import({
        file,
        name: DEMO_MODEL_NAME,
        notes: version === 1 ? 'Demo: answers with a clean sentence.' : 'Demo: answers with a fake e-mail address and a test card number.',
        actor: SYSTEM_ACTOR,
        source: 'system',
      });
      (duplicate ? report.existing : report.created).push(`${registered.name}@${registered.version}`);
    }
    const adapterFile = join(dir, 'demo-concise.gguf');
    await writeDemoAdapter(adapterFile);
    const { adapter, duplicate } = await ws.models.adapters.import({
      file: adapterFile,
      name: DEMO_ADAPTER_NAME,
      base: ws.models.resolve(`${DEMO_MODEL_NAME}@1`),
      notes: 'Demo LoRA adapter: makes demo-assistant@1 answer more briefly.',
      actor: SYSTEM_ACTOR,
      source: 'system',
    });
    (duplicate ? report.existing : report.created).push(`${adapter.name}@${adapter.version}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return report;
}
