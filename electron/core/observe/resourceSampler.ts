import { availableParallelism, freemem } from 'node:os';
import type { Clock } from '../clock';
import type { DeviceMemory } from '../runtime/generation';
import type { SampleAggregates, SampleStore } from './sampleStore';

export interface SamplerOptions {
  /** Interval while a run generates. */
  activeMs?: number;
  /** Interval when nothing runs; 0 turns idle sampling off (short-lived CLI calls, tests). */
  idleMs?: number;
}

/**
 * Reads process CPU %, RSS, heap, free system memory, and VRAM/swap as
 * llama.cpp reports them: about every 250 ms while a run generates and every
 * few seconds when idle. Each reading is one prepared INSERT (~tens of µs),
 * taken on the event loop between token callbacks, so generation (native
 * threads) is not slowed; `npm run bench` measures it.
 */
export class ResourceSampler {
  private readonly activeMs: number;
  private idleMs: number;
  private timer: NodeJS.Timeout | null = null;
  private active: string | null = null;
  private lastCpu = process.cpuUsage();
  private lastAt = performance.now();
  private inFlight: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly store: SampleStore,
    private readonly clock: Clock,
    private readonly deviceMemory: () => Promise<DeviceMemory | null>,
    options: SamplerOptions = {},
  ) {
    this.activeMs = options.activeMs ?? 250;
    this.idleMs = options.idleMs ?? 5000;
    this.schedule();
  }

  /** Turns idle sampling on (long-lived processes: the app, `triad serve`) or off (0). */
  sampleWhenIdle(everyMs: number): void {
    this.idleMs = everyMs;
    if (this.active === null) this.schedule();
  }

  /** Tags readings with this trace from now on and samples at the active rate. */
  async beginRun(traceId: string): Promise<void> {
    this.active = traceId;
    await this.sample();
    this.schedule();
  }

  /** Takes a closing reading and returns the run's aggregates over its readings. */
  async endRun(traceId: string): Promise<SampleAggregates> {
    if (this.active === traceId) {
      await this.sample();
      this.active = null;
      this.schedule();
    }
    return this.store.aggregates(traceId);
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.stopped) return;
    const every = this.active !== null ? this.activeMs : this.idleMs;
    if (every <= 0) return;
    this.timer = setTimeout(() => {
      void this.sample().finally(() => this.schedule());
    }, every);
    // Never keep a CLI process alive just to sample.
    this.timer.unref();
  }

  /** One reading; concurrent callers share the reading already under way. */
  sample(): Promise<void> {
    this.inFlight ??= this.read().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async read(): Promise<void> {
    const traceId = this.active;
    const device = await this.deviceMemory().catch(() => null);
    const now = performance.now();
    const cpu = process.cpuUsage(this.lastCpu);
    const wallUs = (now - this.lastAt) * 1000;
    // Percent of one core, like top: llama.cpp's threads count too, so it may exceed 100.
    const cpuPercent = wallUs >= 1000 ? ((cpu.user + cpu.system) / wallUs) * 100 : null;
    this.lastCpu = process.cpuUsage();
    this.lastAt = now;
    const mem = process.memoryUsage();
    if (this.stopped) return;
    this.store.insert({
      at: this.clock.now(),
      pid: process.pid,
      trace_id: traceId,
      cpu_percent: cpuPercent === null ? null : Math.min(cpuPercent, 100 * availableParallelism()),
      rss_bytes: mem.rss,
      heap_used_bytes: mem.heapUsed,
      system_free_bytes: freemem(),
      vram_used_bytes: device?.vramUsedBytes ?? null,
      vram_total_bytes: device?.vramTotalBytes ?? null,
      swap_used_bytes: device?.swapUsedBytes ?? null,
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.inFlight;
  }
}
