import type { TriadError, TriadErrorData } from '../../../shared/errors';

interface Props {
  error: TriadError | TriadErrorData;
  /** A short lead-in such as "Could not load traces". */
  title?: string;
  onRetry?: () => void;
}

/** A typed error as people read it: what went wrong and what to do next. */
export function ErrorNotice({ error, title, onRetry }: Props) {
  return (
    <div className="notice notice-error" role="alert">
      <div className="notice-head">
        <span className="notice-label">Error</span>
        {title !== undefined && <strong>{title}</strong>}
        <code className="notice-code">{error.code}</code>
      </div>
      <p className="notice-message">{error.message}</p>
      {error.hint !== undefined && <p className="notice-hint">{error.hint}</p>}
      {onRetry !== undefined && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
