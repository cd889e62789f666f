import type { ReactNode } from 'react';

/** What to do first, where there is nothing to show yet. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <h2 className="empty-title">{title}</h2>
      {children !== undefined && <div className="empty-body">{children}</div>}
    </div>
  );
}
