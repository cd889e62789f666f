import type { TriadBridge } from '../../shared/client';

declare global {
  interface Window {
    /** Present only inside the desktop app, where the preload script exposes it. */
    triad?: TriadBridge;
  }
}

export {};
