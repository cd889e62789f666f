import type { ReactNode } from 'react';

/** One labelled value in a horizontal strip of metrics (a <dl> row). */
export function Metric({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="metric">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
