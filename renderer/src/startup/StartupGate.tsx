import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { Session } from '../../../shared/domain';
import type { TriadError } from '../../../shared/errors';
import { asTriadError } from '../api/ApiClient';
import { useApi } from '../api/ApiContext';
import { ErrorNotice } from '../components/ErrorNotice';
import { AuthLayout } from '../pages/AuthLayout';
import { LoginPage } from '../pages/LoginPage';
import { SetupPage } from '../pages/SetupPage';
import { useSessionStore } from '../stores/sessionStore';
import { bootstrap } from './bootstrap';

type GateState =
  | { phase: 'loading' }
  | { phase: 'failed'; error: TriadError }
  | { phase: 'needs-admin'; appVersion: string }
  | { phase: 'ready'; appVersion: string; notice: string | null };

/**
 * Decides what the window shows before the app: the first-launch screen, the
 * sign-in page, or — once there is a session — the app itself. The route in
 * the address bar is left alone, so signing in again returns to the same page.
 */
export function StartupGate({ children }: { children: ReactNode }) {
  const api = useApi();
  const session = useSessionStore((s) => s.session);
  const storeNotice = useSessionStore((s) => s.notice);
  const signIn = useSessionStore((s) => s.signIn);
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<GateState>({ phase: 'loading' });

  useEffect(() => {
    let live = true;
    bootstrap(api, signIn).then(
      (outcome) => {
        if (!live) return;
        setState(
          outcome.kind === 'needs-admin'
            ? { phase: 'needs-admin', appVersion: outcome.appVersion }
            : { phase: 'ready', appVersion: outcome.appVersion, notice: outcome.notice },
        );
      },
      (error: unknown) => {
        if (live) setState({ phase: 'failed', error: asTriadError(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [api, signIn, attempt]);

  const retry = useCallback(() => {
    setState({ phase: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const onAdminCreated = useCallback(
    (created: Session, appVersion: string) => {
      signIn(created);
      setState({ phase: 'ready', appVersion, notice: null });
    },
    [signIn],
  );

  switch (state.phase) {
    case 'loading':
      return (
        <AuthLayout>
          <p className="muted" role="status">
            Connecting to the workspace…
          </p>
        </AuthLayout>
      );
    case 'failed':
      return (
        <AuthLayout>
          <ErrorNotice error={state.error} title="Triad could not start" onRetry={retry} />
        </AuthLayout>
      );
    case 'needs-admin':
      return <SetupPage appVersion={state.appVersion} onCreated={onAdminCreated} />;
    case 'ready':
      if (session !== null) return <>{children}</>;
      return <LoginPage appVersion={state.appVersion} notice={storeNotice ?? state.notice} />;
  }
}
