import { useEffect, useSyncExternalStore } from 'react';
import type { EventListener } from '../../../shared/events';
import { useEventHub } from '../api/ApiContext';
import type { StreamStatus } from '../transport/transportTypes';

/** Listens to the session's events while the component is mounted. Pass a stable listener. */
export function useTriadEvents(listener: EventListener): void {
  const hub = useEventHub();
  useEffect(() => hub.on(listener), [hub, listener]);
}

export function useStreamStatus(): StreamStatus {
  const hub = useEventHub();
  return useSyncExternalStore(hub.onStatus, hub.getStatus);
}
