/** A loaded model as the cache sees it: its memory cost and when it was last used. */
export interface CachedEntry {
  bytes: number;
  lastUsed: number;
  inUse: number;
}

/**
 * Keeps loaded models within a memory budget, unloading the least recently used
 * first. A model in use is never unloaded; one model is always allowed even if
 * it alone exceeds the budget (the load itself then says whether it fits).
 */
export class ModelCache<T extends CachedEntry> {
  private readonly entries = new Map<string, Promise<T>>();

  constructor(
    private budgetBytes: number,
    private readonly unload: (entry: T) => Promise<void>,
  ) {}

  /** A new budget (a settings change) is enforced at the next load. */
  setBudget(bytes: number): void {
    this.budgetBytes = bytes;
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  /** Returns the entry for `key`, loading it (after making room) when absent. */
  async acquire(key: string, estimateBytes: number, load: () => Promise<T>): Promise<{ entry: T; loaded: boolean }> {
    let pending = this.entries.get(key);
    let loaded = false;
    if (!pending) {
      await this.makeRoom(estimateBytes, key);
      pending = load();
      this.entries.set(key, pending);
      pending.catch(() => this.entries.delete(key));
      loaded = true;
    }
    const entry = await pending;
    entry.lastUsed = performance.now();
    entry.inUse += 1;
    return { entry, loaded };
  }

  release(entry: T): void {
    entry.inUse = Math.max(0, entry.inUse - 1);
    entry.lastUsed = performance.now();
  }

  private async makeRoom(needed: number, keep: string): Promise<void> {
    const settled = await Promise.all(
      [...this.entries].filter(([k]) => k !== keep).map(async ([k, p]) => ({ key: k, entry: await p.catch(() => null) })),
    );
    const live = settled.filter((s): s is { key: string; entry: T } => s.entry !== null);
    let used = live.reduce((sum, s) => sum + s.entry.bytes, 0);
    const candidates = live.filter((s) => s.entry.inUse === 0).sort((a, b) => a.entry.lastUsed - b.entry.lastUsed);
    for (const { key, entry } of candidates) {
      if (used + needed <= this.budgetBytes) break;
      this.entries.delete(key);
      used -= entry.bytes;
      await this.unload(entry);
    }
  }

  async clear(): Promise<void> {
    const all = await Promise.all([...this.entries.values()].map((p) => p.catch(() => null)));
    this.entries.clear();
    for (const entry of all) if (entry) await this.unload(entry);
  }
}
