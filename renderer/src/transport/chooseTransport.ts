import type { TriadBridge } from '../../../shared/client';
import { HttpTransport } from './httpTransport';
import { IpcTransport } from './ipcTransport';
import type { RendererTransport } from './transportTypes';

function isBridge(value: unknown): value is TriadBridge {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.call === 'function' && typeof v.onEvent === 'function';
}

/** IPC inside the desktop app (the preload exposed `window.triad`), HTTP in a browser. */
export function chooseTransport(win: Window): RendererTransport {
  return isBridge(win.triad) ? new IpcTransport(win.triad) : new HttpTransport();
}
