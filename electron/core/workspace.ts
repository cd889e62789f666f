import { mkdirSync } from 'node:fs';
import { systemClock, type Clock } from './clock';
import { openDatabase, type Db } from './db/connection';
import { schemaVersion } from './db/migrate';
import { ApiTokenService } from './governance/apiTokens';
import { AuditLog } from './governance/audit';
import { SessionService } from './governance/sessions';
import { UserService } from './governance/users';
import { JobRunner } from './jobs/jobRunner';
import { Ledger } from './ledger/ledger';
import { openLedgerService, PERIODIC_CHECKPOINT_MS } from './ledger/openLedger';
import { LedgerRecorder } from './ledger/recorder';
import { RetentionService } from './ledger/retention';
import type { LedgerService } from './ledger/service';
import { userKeyHooks } from './ledger/userKeyHooks';
import { ModelRegistry } from './models/registry';
import { ResourceSampler, type SamplerOptions } from './observe/resourceSampler';
import { SampleStore } from './observe/sampleStore';
import { homePaths, type HomePaths } from './paths';
import { PromptService } from './prompts/promptService';
import type { Engine } from './runtime/generation';
import { LlamaEngine } from './runtime/llamaEngine';
import { RunService } from './runtime/runService';
import { engineSettingsFrom } from './settings/engineFromSettings';
import { SettingsService } from './settings/settingsService';
import { TraceStore } from './traces/traceStore';

export interface WorkspaceOptions {
  home: string;
  clock?: Clock;
  engine?: Engine;
  /** better-sqlite3 binary for a non-Node runtime (the Electron shell). */
  sqliteNativeBinding?: string;
  /** Resource sampling rates; idle sampling is for long-lived processes (the app, `triad serve`). */
  sampler?: SamplerOptions;
}

export interface Workspace {
  paths: HomePaths;
  db: Db;
  clock: Clock;
  audit: AuditLog;
  users: UserService;
  sessions: SessionService;
  apiTokens: ApiTokenService;
  models: ModelRegistry;
  prompts: PromptService;
  /** Long work with progress events and cancellation (imports, verification, …). */
  jobs: JobRunner;
  traces: TraceStore;
  runs: RunService;
  samples: SampleStore;
  sampler: ResourceSampler;
  /** The tamper-evident Merkle log of every audit event and trace, its keys and checkpoints. */
  ledger: LedgerService;
  retention: RetentionService;
  /** Workspace settings (runtime.*), stored and audited; env variables override them. */
  settings: SettingsService;
  schemaVersion(): number;
  close(): Promise<void>;
}

/** The composition root: opens a home folder and wires every service to it. */
export function openWorkspace(options: WorkspaceOptions): Workspace {
  const paths = homePaths(options.home);
  mkdirSync(paths.home, { recursive: true });
  mkdirSync(paths.modelStore, { recursive: true });
  mkdirSync(paths.keys, { recursive: true, mode: 0o700 });
  mkdirSync(paths.tmp, { recursive: true });
  const clock = options.clock ?? systemClock;
  const db = openDatabase(paths.db, options.sqliteNativeBinding ? { nativeBinding: options.sqliteNativeBinding } : {});
  const ledgerLog = new Ledger(db, clock);
  const recorder = new LedgerRecorder(db, ledgerLog);
  const audit = new AuditLog(db, clock, (id) => recorder.auditEvent(id));
  const ledger = openLedgerService(db, clock, paths.keys, ledgerLog, recorder, audit);
  const retention = new RetentionService(db, clock, audit);
  const users = new UserService(db, clock, audit, userKeyHooks(ledger.keys));
  const sessions = new SessionService(db, clock, users);
  const apiTokens = new ApiTokenService(db, clock, users, audit);
  const models = new ModelRegistry(db, clock, paths, audit);
  const prompts = new PromptService(db, clock, audit);
  const jobs = new JobRunner(clock);
  const traces = new TraceStore(db, clock, (id) => recorder.trace(id));
  // A run left `running` by a process that has since died (crash, kill) is marked interrupted, output kept.
  traces.recoverOrphans();
  // Environment variables > stored settings > defaults (settings/definitions.ts).
  const settings = new SettingsService(db, clock, audit);
  const engineSettings = engineSettingsFrom(settings.effective());
  const engine = options.engine ?? new LlamaEngine(engineSettings);
  const samples = new SampleStore(db);
  const sampler = new ResourceSampler(samples, clock, () => engine.deviceMemory(), options.sampler ?? { idleMs: 0 });
  const runs = new RunService(models, traces, engine, { sampler, maxQueued: engineSettings.maxQueued });
  settings.onChange((_key, effective) => {
    const next = engineSettingsFrom(effective);
    runs.setMaxQueued(next.maxQueued);
    engine.applySettings?.(next);
  });
  const stopCheckpoints = ledger.startPeriodicCheckpoints(PERIODIC_CHECKPOINT_MS);
  let closed = false;
  return {
    paths,
    db,
    clock,
    audit,
    users,
    sessions,
    apiTokens,
    models,
    prompts,
    jobs,
    traces,
    runs,
    samples,
    sampler,
    ledger,
    retention,
    settings,
    schemaVersion: () => schemaVersion(db),
    async close() {
      if (closed) return;
      closed = true;
      stopCheckpoints();
      await sampler.stop();
      await engine.dispose();
      // After the engine: a run it finished while stopping is covered too.
      ledger.checkpointQuietly('close');
      db.close();
    },
  };
}
