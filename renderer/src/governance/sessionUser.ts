import { useEffect } from 'react';
import { useLocation } from 'react-router';
import type { User } from '../../../shared/domain';
import type { ApiClient } from '../api/ApiClient';
import { useApi } from '../api/ApiContext';
import { useSessionStore } from '../stores/sessionStore';

/** How often an idle window asks again, so a role granted meanwhile shows without a click. */
const POLL_MS = 30_000;

const sameUser = (a: User, b: User): boolean =>
  a.id === b.id && a.username === b.username && a.role === b.role && a.disabled === b.disabled;

// One question at a time per client: a burst of refused calls asks once.
const inFlight = new WeakMap<ApiClient, Promise<void>>();

/**
 * Asks the core who this session's user is now, and puts the answer in the
 * store when it differs (an admin changed the role): the nav and the controls
 * follow the role without signing in again. The core decides either way; this
 * only keeps the UI from offering what it would refuse, or hiding what it allows.
 */
export function refreshSessionUser(api: ApiClient): Promise<void> {
  const pending = inFlight.get(api);
  if (pending) return pending;
  const token = useSessionStore.getState().session?.token;
  if (token === undefined) return Promise.resolve();
  const asking = api
    .call('auth.whoami', {})
    .then(
      (user) => {
        const current = useSessionStore.getState().session;
        // A different session by now (signed out and in again) has its own user.
        if (current?.token === token && !sameUser(current.user, user)) useSessionStore.getState().updateUser(user);
      },
      () => {
        // An ended session is signed out by the client itself; other failures wait for the next check.
      },
    )
    .finally(() => inFlight.delete(api));
  inFlight.set(api, asking);
  return asking;
}

/** Re-checks the signed-in user on every page change, when the window regains focus, and now and then. */
export function useSessionUserSync(): void {
  const api = useApi();
  const { pathname } = useLocation();

  useEffect(() => {
    void refreshSessionUser(api);
  }, [api, pathname]);

  useEffect(() => {
    const check = () => {
      if (document.visibilityState === 'visible') void refreshSessionUser(api);
    };
    window.addEventListener('focus', check);
    document.addEventListener('visibilitychange', check);
    const timer = setInterval(check, POLL_MS);
    return () => {
      window.removeEventListener('focus', check);
      document.removeEventListener('visibilitychange', check);
      clearInterval(timer);
    };
  }, [api]);
}
