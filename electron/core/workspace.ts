import { mkdirSync } from 'node:fs';
import { systemClock, type Clock } from './clock';
import { openDatabase, type Db } from './db/connection';
import { schemaVersion } from './db/migrate';
import { AuditLog } from './governance/audit';
import { SessionService } from './governance/sessions';
import { UserService } from './governance/users';
import { ModelRegistry } from './models/registry';
import { homePaths, type HomePaths } from './paths';
import type { Engine } from './runtime/generation';
import { LlamaEngine } from './runtime/llamaEngine';
import { RunService } from './runtime/runService';
import { TraceStore } from './traces/traceStore';

export interface WorkspaceOptions {
  home: string;
  clock?: Clock;
  engine?: Engine;
  /** better-sqlite3 binary for a non-Node runtime (the Electron shell). */
  sqliteNativeBinding?: string;
}

export interface Workspace {
  paths: HomePaths;
  db: Db;
  clock: Clock;
  audit: AuditLog;
  users: UserService;
  sessions: SessionService;
  models: ModelRegistry;
  traces: TraceStore;
  runs: RunService;
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
  const audit = new AuditLog(db, clock);
  const users = new UserService(db, clock, audit);
  const sessions = new SessionService(db, clock, users);
  const models = new ModelRegistry(db, clock, paths, audit);
  const traces = new TraceStore(db, clock);
  const engine = options.engine ?? new LlamaEngine();
  const runs = new RunService(models, traces, engine);
  let closed = false;
  return {
    paths,
    db,
    clock,
    audit,
    users,
    sessions,
    models,
    traces,
    runs,
    schemaVersion: () => schemaVersion(db),
    async close() {
      if (closed) return;
      closed = true;
      await engine.dispose();
      db.close();
    },
  };
}
