import type { ReactNode } from 'react';

/** The page title with optional context and actions on the same line. */
export function PageHeader({ title, meta, actions }: { title: ReactNode; meta?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="page-header">
      <h1 className="page-title">{title}</h1>
      {meta !== undefined && <div className="page-meta">{meta}</div>}
      <div className="page-actions">{actions}</div>
    </div>
  );
}
