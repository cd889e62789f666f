import type { Source } from '../../../shared/domain';
import type { PromptContent, PromptDetail, PromptDiff, PreviewResult, PromptUsage, RenderResult } from '../../../shared/methods/prompts';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { Actor, AuditLog } from '../governance/audit';
import { PromptExchange } from './promptExchange';
import { diffVersions } from './promptDiff';
import { promptHash } from './promptHash';
import { PromptLabels } from './promptLabels';
import { PromptRegistry, publicPromptVersion } from './promptRegistry';
import { promptUsage } from './promptUsage';
import { renderContent } from './renderContent';
import { resolvePromptRun, type PromptRun, type PromptRunInput } from './runByReference';

/** The prompt registry as the API and CLI use it: versions, labels, diffs, rendering, files. */
export class PromptService {
  readonly registry: PromptRegistry;
  readonly labels: PromptLabels;
  readonly exchange: PromptExchange;

  constructor(
    private readonly db: Db,
    clock: Clock,
    audit: AuditLog,
  ) {
    this.registry = new PromptRegistry(db, clock, audit);
    this.labels = new PromptLabels(db, clock, audit, this.registry);
    this.exchange = new PromptExchange(db, audit, this.registry, this.labels);
  }

  detail(name: string): PromptDetail {
    return {
      name,
      versions: this.registry.versions(name).map(publicPromptVersion),
      labels: this.labels.list(name),
      history: this.labels.history(name),
    };
  }

  diff(fromRef: string, toRef: string): PromptDiff {
    return diffVersions(this.registry.resolve(fromRef), this.registry.resolve(toRef));
  }

  render(ref: string, vars: Record<string, string>): RenderResult {
    const { messages, variables, warnings } = renderContent(this.registry.resolve(ref).content, vars, 'strict');
    return { messages, variables, warnings };
  }

  preview(content: PromptContent, vars: Record<string, string>): PreviewResult {
    return { ...renderContent(content, vars, 'preview'), hash: promptHash(content) };
  }

  usage(name: string): PromptUsage[] {
    return promptUsage(this.db, this.registry.versions(name));
  }

  resolveRun(input: PromptRunInput): PromptRun {
    return resolvePromptRun(this.registry, input);
  }

  importYaml(yaml: string, actor: Actor, source: Source | 'system') {
    return this.exchange.import(yaml, actor, source);
  }
}
