import type { EventListener, TriadEvent } from '../../../shared/events';
import type { RendererTransport, StreamStatus } from '../transport/transportTypes';

/**
 * Holds one event subscription for the signed-in session and fans events out
 * to every component that listens. Keeping it open for the whole session
 * means a run's first tokens are not lost to a connection still being made.
 */
export class EventHub {
  private readonly listeners = new Set<EventListener>();
  private readonly statusListeners = new Set<() => void>();
  private status: StreamStatus = 'closed';
  private token: string | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly transport: RendererTransport) {}

  connect(sessionToken: string | null): void {
    if (sessionToken === this.token) return;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.token = sessionToken;
    this.setStatus('closed');
    if (sessionToken === null) return;
    this.unsubscribe = this.transport.subscribe(
      sessionToken,
      (event) => this.emit(event),
      (status) => {
        if (this.token === sessionToken) this.setStatus(status);
      },
    );
  }

  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  getStatus = (): StreamStatus => this.status;

  onStatus = (listener: () => void): (() => void) => {
    this.statusListeners.add(listener);
    return () => {
      this.statusListeners.delete(listener);
    };
  };

  /** Resolves true once the stream is open, or false after timeoutMs. */
  whenOpen(timeoutMs: number): Promise<boolean> {
    if (this.status === 'open') return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        off();
        resolve(false);
      }, timeoutMs);
      const off = this.onStatus(() => {
        if (this.status !== 'open') return;
        clearTimeout(timer);
        off();
        resolve(true);
      });
    });
  }

  private emit(event: TriadEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  private setStatus(status: StreamStatus): void {
    if (status === this.status) return;
    this.status = status;
    for (const listener of [...this.statusListeners]) listener();
  }
}
