import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { Dispatcher } from '../core/api/dispatch';

export const CALL_CHANNEL = 'triad:call';
export const EVENT_CHANNEL = 'triad:event';

/**
 * The IPC transport: one channel, every call through the core dispatcher (which
 * validates the input and checks the permission). Calls from any frame other
 * than the app's own page are refused.
 */
export function installIpcBridge(dispatcher: Dispatcher, isAppUrl: (url: string) => boolean): void {
  ipcMain.handle(CALL_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, input: unknown, token: unknown) => {
    const frameUrl = event.senderFrame?.url ?? '';
    if (!isAppUrl(frameUrl)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Calls are accepted only from the Triad window.' } };
    }
    if (typeof method !== 'string' || (token !== null && typeof token !== 'string')) {
      return { ok: false, error: { code: 'BAD_INPUT', message: 'Malformed call.' } };
    }
    const sender = event.sender;
    return dispatcher.call({
      method,
      input,
      credentials: typeof token === 'string' ? { kind: 'session', token } : { kind: 'none' },
      source: 'app',
      emit: (ev) => {
        if (!sender.isDestroyed()) sender.send(EVENT_CHANNEL, ev);
      },
    });
  });
}
