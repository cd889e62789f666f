import { contextBridge, ipcRenderer } from 'electron';
import type { TriadBridge } from '../../shared/client';

// Channel names repeated here (not imported from main) so the sandboxed preload
// bundle stays free of main-process code.
const CALL_CHANNEL = 'triad:call';
const EVENT_CHANNEL = 'triad:event';

/** The narrow client the renderer sees: call a contract method, hear events. No raw ipcRenderer. */
const bridge: TriadBridge = {
  call: (method, input, sessionToken) => ipcRenderer.invoke(CALL_CHANNEL, method, input, sessionToken),
  onEvent: (listener) => {
    const handler = (_event: Electron.IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld('triad', bridge);
