import type { ReactNode } from 'react';

/** A titled block of label/value pairs for the trace detail view. */
export function DetailList({ title, items }: { title: string; items: [label: string, value: ReactNode][] }) {
  return (
    <section className="detail-card" aria-label={title}>
      <h2 className="section-title">{title}</h2>
      <dl className="detail-list">
        {items.map(([label, value]) => (
          <div key={label} className="detail-item">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
