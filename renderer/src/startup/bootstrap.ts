import type { Session } from '../../../shared/domain';
import type { ApiClient } from '../api/ApiClient';
import { forgetLaunchToken, peekLaunchToken } from './launchToken';

export type BootOutcome =
  | { kind: 'needs-admin'; appVersion: string }
  | { kind: 'ready'; appVersion: string; notice: string | null };

/**
 * The start-up sequence: ask whether the workspace still needs its first admin;
 * if not, trade a launch token (when the URL had one) for a session. The
 * session is handed to `signIn` as soon as it arrives, even if the screen that
 * asked has gone, because the token cannot be used twice.
 */
export async function bootstrap(api: ApiClient, signIn: (session: Session) => void): Promise<BootOutcome> {
  const status = await api.call('setup.status', {});
  if (status.needsAdmin) return { kind: 'needs-admin', appVersion: status.appVersion };

  const token = peekLaunchToken();
  if (token === null) return { kind: 'ready', appVersion: status.appVersion, notice: null };
  forgetLaunchToken();
  let exchanged;
  try {
    exchanged = await api.call('auth.useLaunchToken', { token });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { kind: 'ready', appVersion: status.appVersion, notice: `The launch link could not be used: ${reason}` };
  }
  if (exchanged.session !== null) {
    signIn(exchanged.session);
    return { kind: 'ready', appVersion: status.appVersion, notice: null };
  }
  const notice = exchanged.valid
    ? null
    : 'The launch link has already been used or has expired. Sign in with your user name and password.';
  return { kind: 'ready', appVersion: status.appVersion, notice };
}
