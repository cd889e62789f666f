export declare function findElectronRuntime(env?: NodeJS.ProcessEnv): { ok: true; path: string } | { ok: false; reason: string };
