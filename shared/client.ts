/**
 * What a UI needs from a transport: call a contract method and hear events.
 * The renderer has two implementations (IPC in the desktop app, HTTP in a
 * browser) and uses them through this interface only.
 */
import type { MethodInput, MethodName, MethodOutput } from './contract';
import type { TriadErrorData } from './errors';
import type { EventListener } from './events';

export type CallOutcome<M extends MethodName> = { ok: true; result: MethodOutput<M> } | { ok: false; error: TriadErrorData };

export interface TriadTransport {
  readonly kind: 'ipc' | 'http';
  call<M extends MethodName>(method: M, input: MethodInput<M>, sessionToken: string | null): Promise<CallOutcome<M>>;
  /** Subscribe to the events of this session; returns an unsubscribe function. */
  subscribe(sessionToken: string, listener: EventListener): () => void;
}

/** The narrow API the preload script exposes on `window.triad`. */
export interface TriadBridge {
  call(method: string, input: unknown, sessionToken: string | null): Promise<unknown>;
  onEvent(listener: (event: unknown) => void): () => void;
}
