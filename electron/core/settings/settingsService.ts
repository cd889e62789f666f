import { SETTING_KEYS, type SettingInfo, type SettingKey, type SettingValue } from '../../../shared/methods/settings';
import { TriadError } from '../../../shared/errors';
import { iso, type Clock } from '../clock';
import type { Db } from '../db/connection';
import type { Actor, AuditLog, AuditEntry } from '../governance/audit';
import { definitionOf, SETTING_DEFINITIONS, type SettingDefinition } from './definitions';

interface StoredRow {
  key: string;
  value_json: string;
  updated_at: number;
  updated_by_name: string | null;
}

export type EffectiveSettings = Record<SettingKey, SettingValue>;
export type SettingsListener = (changed: SettingKey, settings: EffectiveSettings) => void;

/**
 * Workspace settings: typed, validated, stored in SQLite and audited.
 * Precedence: an environment variable (for locked-down machines and ops
 * scripts) > the value an administrator stored > the default.
 */
export class SettingsService {
  private readonly listeners: SettingsListener[] = [];

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** Told after each stored change, so running services can pick up what they can apply live. */
  onChange(listener: SettingsListener): void {
    this.listeners.push(listener);
  }

  list(): SettingInfo[] {
    const rows = new Map(
      (
        this.db
          .prepare(`SELECT s.key, s.value_json, s.updated_at, u.username AS updated_by_name FROM settings s LEFT JOIN users u ON u.id = s.updated_by`)
          .all() as StoredRow[]
      ).map((r) => [r.key, r]),
    );
    return SETTING_DEFINITIONS.map((def) => this.info(def, rows.get(def.key)));
  }

  get(key: SettingKey): SettingInfo {
    return this.list().find((s) => s.key === key)!;
  }

  /** The effective value of every setting, after env > stored > default. */
  effective(): EffectiveSettings {
    const out = {} as EffectiveSettings;
    for (const s of this.list()) out[s.key] = s.value;
    return out;
  }

  set(key: string, raw: unknown, actor: Actor, source: AuditEntry['source']): SettingInfo {
    if (!(SETTING_KEYS as readonly string[]).includes(key)) {
      throw new TriadError('BAD_INPUT', `Unknown setting "${key}". The settings are: ${SETTING_KEYS.join(', ')}.`, 'List them with: triad settings list');
    }
    const def = definitionOf(key as SettingKey);
    const parsed = def.schema.safeParse(raw);
    if (!parsed.success) {
      throw new TriadError('BAD_INPUT', `${String(raw)} is not a valid value for ${key}. Valid values: ${def.validValues}.`, def.description);
    }
    const envValue = this.envValue(def);
    if (envValue !== undefined) {
      throw new TriadError(
        'BAD_INPUT',
        `${key} is overridden by ${def.envVar}=${this.env[def.envVar] ?? ''}; a stored value would have no effect.`,
        `Unset ${def.envVar} where the app or CLI starts, then set it here.`,
      );
    }
    const before = this.get(def.key);
    const value = parsed.data;
    if (before.source === 'stored' && before.stored === value) return before;
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO settings (key, value_json, updated_at, updated_by) VALUES (?, ?, ?, ?)
           ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        )
        .run(def.key, JSON.stringify(value), this.clock.now(), actor.id);
      this.audit.record({
        actor,
        source,
        action: 'settings.set',
        target: def.key,
        before: { value: before.value, source: before.source },
        after: { value, source: 'stored' },
      });
    })();
    const effective = this.effective();
    for (const listener of this.listeners) listener(def.key, effective);
    return this.get(def.key);
  }

  /** An environment override, when its variable is set to a valid value; an invalid one is ignored (as before settings were stored). */
  private envValue(def: SettingDefinition): SettingValue | undefined {
    const raw = this.env[def.envVar];
    if (raw === undefined || raw.trim() === '') return undefined;
    const parsed = def.schema.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  }

  private info(def: SettingDefinition, row: StoredRow | undefined): SettingInfo {
    const stored = row ? this.storedValue(def, row) : null;
    const envValue = this.envValue(def);
    const source = envValue !== undefined ? 'env' : stored !== null ? 'stored' : 'default';
    return {
      key: def.key,
      value: envValue ?? stored ?? def.default,
      default: def.default,
      source,
      stored,
      envVar: def.envVar,
      description: def.description,
      validValues: def.validValues,
      applies: def.applies,
      updatedAt: row ? iso(row.updated_at) : null,
      updatedBy: row?.updated_by_name ?? null,
    };
  }

  /** A stored value that no longer validates (a later version tightened a range) falls back to the default. */
  private storedValue(def: SettingDefinition, row: StoredRow): SettingValue | null {
    const parsed = def.schema.safeParse(JSON.parse(row.value_json) as unknown);
    return parsed.success ? parsed.data : null;
  }
}
