import { session, type WebContents } from 'electron';

/**
 * Nothing leaves the machine and nothing navigates away: every request that is
 * not the app's own files (or the dev server in development) is cancelled,
 * permission prompts are denied and new windows are refused.
 */
export function hardenSession(devServerUrl: string | undefined): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => {
    const url = details.url;
    // blob: URLs hold data the page already has (e.g. a prompts .yaml export being saved): nothing leaves the machine.
    const allowed =
      url.startsWith('file://') ||
      url.startsWith('devtools://') ||
      url.startsWith('data:') ||
      url.startsWith('blob:') ||
      (devServerUrl !== undefined && url.startsWith(devServerUrl));
    callback({ cancel: !allowed });
  });
}

export function hardenContents(contents: WebContents, isAppUrl: (url: string) => boolean): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
