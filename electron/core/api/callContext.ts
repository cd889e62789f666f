import type { Source, User } from '../../../shared/domain';
import type { TriadEvent } from '../../../shared/events';

/** How the caller proved who they are, as seen by a transport. */
export type Credentials =
  | { kind: 'session'; token: string }
  /** An API token (`triad_…`), e.g. an HTTP bearer from a script. */
  | { kind: 'apiToken'; token: string }
  /** Already authenticated by the transport itself (the CLI checks the password or token). */
  | { kind: 'user'; user: User }
  | { kind: 'none' };

export interface CallContext {
  /** The signed-in user, or null for public methods called anonymously. */
  user: User | null;
  source: Source;
  /** The session token this call used, if any (logout revokes it). */
  sessionToken: string | null;
  /** Push an event to this caller (streamed tokens, job progress). */
  emit(event: TriadEvent): void;
}
