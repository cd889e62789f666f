import type { TriadEvent } from '../../../shared/events';
import { hashToken } from '../governance/tokens';

type Listener = (event: TriadEvent) => void;

/** Routes events to the event streams opened with the same session. */
export class EventHub {
  private readonly bySession = new Map<string, Set<Listener>>();

  subscribe(sessionToken: string, listener: Listener): () => void {
    const key = hashToken(sessionToken);
    const set = this.bySession.get(key) ?? new Set<Listener>();
    set.add(listener);
    this.bySession.set(key, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.bySession.delete(key);
    };
  }

  publish(sessionToken: string, event: TriadEvent): void {
    for (const listener of this.bySession.get(hashToken(sessionToken)) ?? []) listener(event);
  }
}
