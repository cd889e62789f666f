import type { EventListener } from '../../../shared/events';
import { isTriadEvent } from '../events/isTriadEvent';
import { SseParser } from './sseParser';
import type { StreamStatus } from './transportTypes';

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 15_000;

export interface EventStreamOptions {
  url: string;
  sessionToken: string;
  onEvent: EventListener;
  onStatus?: (status: StreamStatus) => void;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Reads the session's server-sent events with fetch, because EventSource
 * cannot send an Authorization header. Reconnects with exponential backoff
 * until closed; stops for good when the server refuses the session.
 */
export function openEventStream(options: EventStreamOptions): () => void {
  const controller = new AbortController();
  const { signal } = controller;
  const status = (s: StreamStatus) => {
    if (!signal.aborted) options.onStatus?.(s);
  };

  const handleData = (data: string) => {
    try {
      const parsed: unknown = JSON.parse(data);
      if (isTriadEvent(parsed)) options.onEvent(parsed);
    } catch {
      // A malformed block is dropped; the next one may be fine.
    }
  };

  /** Set once a connection delivered its headers, so backoff restarts small after a good run. */
  let opened = false;

  async function readOnce(): Promise<'refused' | 'ended'> {
    const response = await fetch(options.url, {
      headers: { Authorization: `Bearer ${options.sessionToken}`, Accept: 'text/event-stream' },
      cache: 'no-store',
      signal,
    });
    if (response.status === 401 || response.status === 403) return 'refused';
    if (!response.ok || response.body === null) return 'ended';
    opened = true;
    status('open');
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    const parser = new SseParser(handleData);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return 'ended';
      parser.push(decoder.decode(value, { stream: true }));
    }
  }

  async function loop(): Promise<void> {
    let delay = FIRST_DELAY_MS;
    while (!signal.aborted) {
      status('connecting');
      opened = false;
      let outcome: 'refused' | 'ended' = 'ended';
      try {
        outcome = await readOnce();
      } catch {
        // Network failure or abort: fall through to the backoff below.
      }
      if (signal.aborted) return;
      if (outcome === 'refused') {
        status('refused');
        return;
      }
      if (opened) delay = FIRST_DELAY_MS;
      status('retrying');
      await sleep(delay + Math.random() * 250, signal);
      delay = Math.min(delay * 2, MAX_DELAY_MS);
    }
  }

  void loop();
  return () => {
    options.onStatus?.('closed');
    controller.abort();
  };
}
