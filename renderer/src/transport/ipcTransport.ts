import type { CallOutcome, TriadBridge } from '../../../shared/client';
import type { MethodInput, MethodName } from '../../../shared/contract';
import type { EventListener } from '../../../shared/events';
import { isTriadEvent } from '../events/isTriadEvent';
import { toCallOutcome } from './callOutcome';
import { describeThrown, unreachableError } from './transportErrors';
import type { RendererTransport, StreamStatus } from './transportTypes';

/** Desktop transport: every call and event goes through the preload bridge. */
export class IpcTransport implements RendererTransport {
  readonly kind = 'ipc' as const;

  constructor(private readonly bridge: TriadBridge) {}

  async call<M extends MethodName>(method: M, input: MethodInput<M>, sessionToken: string | null): Promise<CallOutcome<M>> {
    try {
      return toCallOutcome<M>(await this.bridge.call(method, input, sessionToken));
    } catch (error) {
      return { ok: false, error: unreachableError(`desktop bridge: ${describeThrown(error)}`) };
    }
  }

  // The main process sends events only to the window that asked, so the
  // session token is not needed to pick them out.
  subscribe(_sessionToken: string, listener: EventListener, onStatus?: (status: StreamStatus) => void): () => void {
    const off = this.bridge.onEvent((raw) => {
      if (isTriadEvent(raw)) listener(raw);
    });
    onStatus?.('open');
    return () => {
      off();
      onStatus?.('closed');
    };
  }
}
