import type { AuditEvent } from '../../../shared/methods/audit';
import { formatDateTime } from '../format/format';

/** A before/after pair as one short line; the full JSON is in the tooltip. */
function change(event: AuditEvent): string {
  const show = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));
  const before = show(event.before);
  const after = show(event.after);
  if (before && after) return `${before} → ${after}`;
  return before || after;
}

export function AuditTable({ events }: { events: AuditEvent[] }) {
  return (
    <div className="table-wrap table-scroll">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Actor</th>
            <th scope="col">Role</th>
            <th scope="col">Source</th>
            <th scope="col">Action</th>
            <th scope="col">Target</th>
            <th scope="col">Before → after</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => {
            const text = change(e);
            return (
              <tr key={e.id} data-testid="audit-row">
                <td className="nowrap mono-num">{formatDateTime(e.at)}</td>
                <td className="strong">{e.actor}</td>
                <td className="muted">{e.actorRole ?? '—'}</td>
                <td>{e.source}</td>
                <td className="mono">{e.action}</td>
                <td className="mono gov-clip" title={e.target ?? undefined}>
                  {e.target ?? '—'}
                </td>
                <td className="mono gov-clip gov-change" title={text}>
                  {text || '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
