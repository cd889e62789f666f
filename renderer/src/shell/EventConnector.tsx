import { useEffect } from 'react';
import { useEventHub } from '../api/ApiContext';
import { useSessionStore } from '../stores/sessionStore';

/** Keeps the event feed open for exactly the signed-in session. */
export function EventConnector() {
  const hub = useEventHub();
  const token = useSessionStore((s) => s.session?.token ?? null);
  useEffect(() => {
    hub.connect(token);
    return () => hub.connect(null);
  }, [hub, token]);
  return null;
}
