import { z } from 'zod';
import type { Source } from '../../../shared/domain';
import { TriadError } from '../../../shared/errors';
import { PROMPT_NAME, PromptContentSchema, type PromptContent } from '../../../shared/methods/prompts';
import type { Db } from '../db/connection';
import type { Actor, AuditLog } from '../governance/audit';
import { contentFromFile, describeIssues, fileFromContent, ONE_TEMPLATE_FORM, oneTemplateForm, parseYamlText, PromptFileFields, toYaml } from './promptFile';
import type { PromptLabels } from './promptLabels';
import type { PromptRegistry } from './promptRegistry';
import { contentVariables } from './renderContent';

export const EXPORT_FORMAT = 'triad.prompts/1';

const ExportedVersionSchema = PromptFileFields.extend({
  version: z.number().int().positive(),
  hash: z.string().optional(),
  author: z.string().optional(),
  createdAt: z.string().optional(),
}).refine(oneTemplateForm, ONE_TEMPLATE_FORM);

const ExportSchema = z.object({
  format: z.literal(EXPORT_FORMAT, `This is not a Triad prompt export (expected format: ${EXPORT_FORMAT})`),
  exportedAt: z.string().optional(),
  prompts: z.array(
    z.object({
      name: PROMPT_NAME,
      labels: z.record(z.string(), z.number().int()).optional(),
      versions: z.array(ExportedVersionSchema).min(1),
    }),
  ),
});

export interface ImportReport {
  created: { name: string; version: number; hash: string }[];
  unchanged: { name: string; version: number; hash: string }[];
}

/**
 * Export and import for review outside Triad. An export carries every version
 * with its hash, author and labels; an import only ever adds versions (content
 * already present is left alone) and never moves labels, which need approval.
 */
export class PromptExchange {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly registry: PromptRegistry,
    private readonly labels: PromptLabels,
  ) {}

  export(names: string[]): { yaml: string; prompts: number; versions: number } {
    const chosen = names.length ? names : this.registry.list().map((p) => p.name);
    let versions = 0;
    const prompts = chosen.map((name) => {
      const list = this.registry.versions(name).reverse();
      versions += list.length;
      return {
        name,
        labels: Object.fromEntries(this.labels.list(name).map((l) => [l.label, l.version])),
        versions: list.map((v) => ({
          version: v.version,
          hash: v.hash,
          author: v.createdBy,
          createdAt: v.createdAt,
          ...(v.commitMessage ? { message: v.commitMessage } : {}),
          ...fileFromContent(v.content),
        })),
      };
    });
    const yaml = `# Triad prompt export. Importing adds new versions and never overwrites; labels are not imported.\n${toYaml({ format: EXPORT_FORMAT, prompts })}`;
    return { yaml, prompts: prompts.length, versions };
  }

  import(yaml: string, actor: Actor, source: Source | 'system'): ImportReport {
    const parsed = ExportSchema.safeParse(parseYamlText(yaml, 'The import file'));
    if (!parsed.success) throw new TriadError('BAD_INPUT', `The import file is not valid: ${describeIssues(parsed.error)}.`, 'Import a file written by `triad prompts export`.');
    // Check every template before writing anything, so a bad file changes nothing.
    const plan: { name: string; content: PromptContent; message: string }[] = [];
    for (const prompt of parsed.data.prompts) {
      for (const v of [...prompt.versions].sort((x, y) => x.version - y.version)) {
        const content = PromptContentSchema.safeParse(contentFromFile(v));
        if (!content.success) throw new TriadError('BAD_INPUT', `${prompt.name}@${v.version}: ${describeIssues(content.error)}.`);
        try {
          contentVariables(content.data);
        } catch (err) {
          if (err instanceof TriadError) throw new TriadError('BAD_INPUT', `${prompt.name}@${v.version}: ${err.message}`, err.hint);
          throw err;
        }
        plan.push({ name: prompt.name, content: content.data, message: v.message ?? `Imported version ${v.version}` });
      }
    }
    const report: ImportReport = { created: [], unchanged: [] };
    const run = this.db.transaction(() => {
      for (const item of plan) {
        const exists = this.db.prepare('SELECT 1 FROM prompts WHERE name = ?').get(item.name) !== undefined;
        const { version, duplicate } = this.registry.add(
          { name: item.name, content: item.content, commitMessage: item.message, actor, source },
          exists ? 'version' : 'create',
        );
        (duplicate ? report.unchanged : report.created).push({ name: version.name, version: version.version, hash: version.hash });
      }
      this.audit.record({ actor, source, action: 'prompt.import', target: 'prompts', after: { created: report.created.length, unchanged: report.unchanged.length } });
    });
    run.immediate();
    return report;
  }
}
