import type { TriadTransport } from '../../../shared/client';
import type { EventListener } from '../../../shared/events';

/** How the live event feed is doing; shown so a stalled stream is never silent. */
export type StreamStatus = 'closed' | 'connecting' | 'open' | 'retrying' | 'refused';

/**
 * The shared transport plus an optional status callback on subscribe. The
 * extra parameter is optional, so this stays assignable to TriadTransport and
 * the pages above see one interface whichever transport was chosen.
 */
export interface RendererTransport extends TriadTransport {
  subscribe(sessionToken: string, listener: EventListener, onStatus?: (status: StreamStatus) => void): () => void;
}
