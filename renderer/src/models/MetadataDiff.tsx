import { useState } from 'react';
import type { ModelDetail } from '../../../shared/methods/models';
import { metadataRows } from './metadataRows';

/** Two versions' metadata side by side, differences marked in text and colour. */
export function MetadataDiff({ detail }: { detail: ModelDetail }) {
  const versions = detail.versions;
  const [a, setA] = useState(versions.at(-2)?.version ?? versions[0]?.version ?? 0);
  const [b, setB] = useState(versions.at(-1)?.version ?? 0);
  const va = versions.find((v) => v.version === a) ?? versions[0];
  const vb = versions.find((v) => v.version === b) ?? versions.at(-1);
  if (!va || !vb || versions.length < 2) return null;
  const rows = metadataRows(va, vb);
  const changed = rows.filter((r) => r.changed).length;
  const picker = (label: string, value: number, set: (n: number) => void) => (
    <select className="input input-small" aria-label={label} value={value} onChange={(e) => set(Number(e.target.value))}>
      {versions.map((v) => (
        <option key={v.version} value={v.version}>
          @{v.version}
        </option>
      ))}
    </select>
  );
  return (
    <section className="panel" aria-label="Compare versions">
      <div className="row">
        <h2 className="section-title">Compare metadata</h2>
        {picker('Compare from', va.version, setA)}
        <span>→</span>
        {picker('Compare to', vb.version, setB)}
        <span className="muted small" data-testid="diff-summary">
          {changed === 0 ? 'identical' : `${changed} field${changed === 1 ? '' : 's'} differ`}
        </span>
      </div>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">@{va.version}</th>
              <th scope="col">@{vb.version}</th>
              <th scope="col">
                <span className="visually-hidden">Changed</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.field} className={r.changed ? 'diff-changed' : undefined}>
                <td>{r.field}</td>
                <td className="mono small">{r.a}</td>
                <td className="mono small">{r.b}</td>
                <td className="small">{r.changed ? 'changed' : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
