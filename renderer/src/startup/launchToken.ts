/**
 * The one-time launch token from the URL `triad serve` prints
 * (`http://127.0.0.1:PORT/?launch=TOKEN`). It is read once, kept only in
 * memory and removed from the address bar so it does not linger in history.
 */
let launchToken: string | null = null;

export function captureLaunchToken(win: Window): void {
  const url = new URL(win.location.href);
  const token = url.searchParams.get('launch');
  if (token === null) return;
  launchToken = token.trim() === '' ? null : token;
  url.searchParams.delete('launch');
  win.history.replaceState(win.history.state, '', `${url.pathname}${url.search}${url.hash}`);
}

export function peekLaunchToken(): string | null {
  return launchToken;
}

export function forgetLaunchToken(): void {
  launchToken = null;
}
