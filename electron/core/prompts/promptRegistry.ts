import { randomUUID } from 'node:crypto';
import type { Source } from '../../../shared/domain';
import { TriadError } from '../../../shared/errors';
import { PromptContentSchema, type PromptContent, type PromptSummary, type PromptVersion } from '../../../shared/methods/prompts';
import { iso, type Clock } from '../clock';
import type { Db } from '../db/connection';
import type { Actor, AuditLog } from '../governance/audit';
import { promptHash } from './promptHash';
import { parsePromptRef } from './promptRef';
import { allVariables, contentVariables } from './renderContent';

interface VersionRow {
  id: string;
  prompt_id: string;
  name: string;
  version: number;
  hash: string;
  content_json: string;
  commit_message: string;
  created_at: number;
  created_by: string | null;
  created_by_name: string | null;
}

const SELECT_VERSION = `
  SELECT v.id, v.prompt_id, p.name, v.version, v.hash, v.content_json, v.commit_message, v.created_at, v.created_by,
         u.username AS created_by_name
  FROM prompt_versions v JOIN prompts p ON p.id = v.prompt_id LEFT JOIN users u ON u.id = v.created_by`;

/** A version plus the ids the core needs (the author's id for separation of duties). */
export interface StoredPromptVersion extends PromptVersion {
  promptId: string;
  createdById: string | null;
}

export interface NewVersion {
  name: string;
  content: PromptContent;
  commitMessage: string;
  actor: Actor;
  source: Source | 'system';
}

/**
 * Prompts and their immutable versions. A version is written once (triggers
 * refuse updates); the same content under the same name is the same version.
 */
export class PromptRegistry {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  list(): PromptSummary[] {
    const rows = this.db
      .prepare(
        `SELECT p.name, v.version AS latest_version, v.hash AS latest_hash, v.created_at AS updated_at,
                (SELECT count(*) FROM prompt_versions x WHERE x.prompt_id = p.id) AS versions,
                coalesce(u.username, 'system') AS created_by,
                (SELECT json_group_array(json_object('label', l.label, 'version', lv.version))
                   FROM prompt_labels l JOIN prompt_versions lv ON lv.id = l.version_id WHERE l.prompt_id = p.id) AS labels_json
         FROM prompts p
         JOIN prompt_versions v ON v.prompt_id = p.id AND v.version = (SELECT max(version) FROM prompt_versions WHERE prompt_id = p.id)
         LEFT JOIN users u ON u.id = p.created_by
         ORDER BY p.name`,
      )
      .all() as {
      name: string;
      latest_version: number;
      latest_hash: string;
      updated_at: number;
      versions: number;
      created_by: string;
      labels_json: string;
    }[];
    return rows.map((r) => ({
      name: r.name,
      latestVersion: r.latest_version,
      latestHash: r.latest_hash,
      versions: r.versions,
      labels: (JSON.parse(r.labels_json) as { label: string; version: number }[]).sort((a, b) => a.label.localeCompare(b.label)),
      updatedAt: iso(r.updated_at),
      createdBy: r.created_by,
    }));
  }

  /** The prompt's id, or NOT_FOUND listing the prompts that exist. */
  promptId(name: string): string {
    const row = this.db.prepare('SELECT id FROM prompts WHERE name = ?').get(name) as { id: string } | undefined;
    if (row) return row.id;
    const known = this.list().map((p) => p.name);
    throw new TriadError(
      'NOT_FOUND',
      `No prompt named "${name}".`,
      known.length ? `Known prompts: ${known.join(', ')}.` : 'No prompts yet: create one with `triad prompts create NAME --file FILE`.',
    );
  }

  /** Every version of a prompt, newest first. */
  versions(name: string): StoredPromptVersion[] {
    const id = this.promptId(name);
    const rows = this.db.prepare(`${SELECT_VERSION} WHERE v.prompt_id = ? ORDER BY v.version DESC`).all(id) as VersionRow[];
    return rows.map((row) => this.toVersion(row));
  }

  /** Resolves NAME, NAME@VERSION, NAME@LABEL or NAME@latest. */
  resolve(ref: string): StoredPromptVersion {
    const parsed = parsePromptRef(ref);
    const promptId = this.promptId(parsed.name);
    let row: VersionRow | undefined;
    if (parsed.kind === 'latest') {
      row = this.db.prepare(`${SELECT_VERSION} WHERE v.prompt_id = ? ORDER BY v.version DESC LIMIT 1`).get(promptId) as VersionRow | undefined;
    } else if (parsed.kind === 'version') {
      row = this.db.prepare(`${SELECT_VERSION} WHERE v.prompt_id = ? AND v.version = ?`).get(promptId, parsed.version) as VersionRow | undefined;
    } else {
      row = this.db
        .prepare(`${SELECT_VERSION} JOIN prompt_labels l ON l.version_id = v.id WHERE l.prompt_id = ? AND l.label = ?`)
        .get(promptId, parsed.label) as VersionRow | undefined;
    }
    if (!row) throw this.refNotFound(ref, parsed.name, promptId);
    return this.toVersion(row);
  }

  /**
   * Adds a version (creating the prompt when `create` is set). Templates are
   * checked before anything is written; identical content returns the
   * existing version and writes nothing.
   */
  add(req: NewVersion, mode: 'create' | 'version'): { version: StoredPromptVersion; duplicate: boolean } {
    const content = PromptContentSchema.parse(req.content);
    contentVariables(content);
    const hash = promptHash(content);
    const write = this.db.transaction((): { id: string; duplicate: boolean } => {
      let prompt = this.db.prepare('SELECT id FROM prompts WHERE name = ?').get(req.name) as { id: string } | undefined;
      if (mode === 'create' && prompt) {
        throw new TriadError('ALREADY_EXISTS', `A prompt named "${req.name}" already exists.`, `Add a version instead: triad prompts version ${req.name} --file FILE -m "what changed"`);
      }
      if (mode === 'version' && !prompt) this.promptId(req.name);
      const now = this.clock.now();
      if (!prompt) {
        prompt = { id: randomUUID() };
        this.db.prepare('INSERT INTO prompts (id, name, created_at, created_by) VALUES (?, ?, ?, ?)').run(prompt.id, req.name, now, req.actor.id);
      }
      const same = this.db.prepare('SELECT id FROM prompt_versions WHERE prompt_id = ? AND hash = ?').get(prompt.id, hash) as { id: string } | undefined;
      if (same) return { id: same.id, duplicate: true };
      const next = (this.db.prepare('SELECT coalesce(max(version), 0) + 1 AS v FROM prompt_versions WHERE prompt_id = ?').get(prompt.id) as { v: number }).v;
      const id = randomUUID();
      this.db
        .prepare(
          `INSERT INTO prompt_versions (id, prompt_id, version, hash, content_json, commit_message, created_at, created_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, prompt.id, next, hash, JSON.stringify(content), req.commitMessage, now, req.actor.id);
      this.audit.record({
        actor: req.actor,
        source: req.source,
        action: mode === 'create' ? 'prompt.create' : 'prompt.version',
        target: `prompt:${req.name}@${next}`,
        after: { name: req.name, version: next, hash, commitMessage: req.commitMessage },
      });
      return { id, duplicate: false };
    });
    const { id, duplicate } = write.immediate();
    const row = this.db.prepare(`${SELECT_VERSION} WHERE v.id = ?`).get(id) as VersionRow;
    return { version: this.toVersion(row), duplicate };
  }

  private labelsOf(versionId: string): string[] {
    return (this.db.prepare('SELECT label FROM prompt_labels WHERE version_id = ? ORDER BY label').all(versionId) as { label: string }[]).map(
      (r) => r.label,
    );
  }

  private toVersion(row: VersionRow): StoredPromptVersion {
    const content = PromptContentSchema.parse(JSON.parse(row.content_json));
    return {
      id: row.id,
      promptId: row.prompt_id,
      name: row.name,
      version: row.version,
      hash: row.hash,
      content,
      variables: allVariables(contentVariables(content)),
      commitMessage: row.commit_message,
      createdAt: iso(row.created_at),
      createdBy: row.created_by_name ?? 'system',
      createdById: row.created_by,
      labels: this.labelsOf(row.id),
    };
  }

  private refNotFound(ref: string, name: string, promptId: string): TriadError {
    const versions = (this.db.prepare('SELECT version FROM prompt_versions WHERE prompt_id = ? ORDER BY version').all(promptId) as { version: number }[]).map(
      (r) => r.version,
    );
    const labels = (this.db.prepare('SELECT label FROM prompt_labels WHERE prompt_id = ? ORDER BY label').all(promptId) as { label: string }[]).map((r) => r.label);
    return new TriadError(
      'NOT_FOUND',
      `Prompt "${name}" has no version "${ref.slice(ref.lastIndexOf('@') + 1)}".`,
      `Versions: ${versions.join(', ')}${labels.length ? `; labels: ${labels.join(', ')}` : '; no labels yet'}.`,
    );
  }
}

export function publicPromptVersion(v: StoredPromptVersion): PromptVersion {
  const { promptId: _p, createdById: _c, ...rest } = v;
  return rest;
}
