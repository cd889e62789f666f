import type { TriadEvent } from '../../../shared/events';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Checks an event from the wire before any listener sees it. */
export function isTriadEvent(value: unknown): value is TriadEvent {
  if (!isRecord(value)) return false;
  const str = (key: string) => typeof value[key] === 'string';
  switch (value.type) {
    case 'run.started':
      return str('streamId') && str('traceId');
    case 'run.token':
      return str('streamId') && str('text');
    case 'run.finished':
      return str('streamId') && str('traceId') && str('finishReason');
    case 'job.progress':
      return (
        str('jobId') &&
        str('label') &&
        typeof value.done === 'number' &&
        (value.total === null || typeof value.total === 'number')
      );
    default:
      return false;
  }
}
