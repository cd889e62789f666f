/**
 * Events pushed to a client while work is under way: streamed tokens and job
 * progress. IPC sends them to the window that asked; HTTP sends them on the
 * session's event stream (`GET /api/events`).
 */
export type TriadEvent =
  | { type: 'run.started'; streamId: string; traceId: string }
  | { type: 'run.token'; streamId: string; text: string }
  | { type: 'run.finished'; streamId: string; traceId: string; finishReason: string }
  | { type: 'job.progress'; jobId: string; label: string; done: number; total: number | null };

export type EventListener = (event: TriadEvent) => void;
