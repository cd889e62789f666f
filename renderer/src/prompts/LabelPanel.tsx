import { useState } from 'react';
import type { PromptDetail } from '../../../shared/methods/prompts';
import type { TriadError } from '../../../shared/errors';
import { asTriadError } from '../api/ApiClient';
import { useApi } from '../api/ApiContext';
import { ErrorNotice } from '../components/ErrorNotice';
import { DASH, formatDateTime } from '../format/format';

/** Current labels with one-click rollback, a form to move a label, and the full history of moves. */
export function LabelPanel({ detail, onChanged }: { detail: PromptDetail; onChanged: () => void }) {
  const api = useApi();
  const [label, setLabel] = useState('staging');
  const [version, setVersion] = useState(String(detail.versions[0]?.version ?? 1));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<TriadError | null>(null);

  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      onChanged();
    } catch (e) {
      setError(asTriadError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="stack">
      <div className="label-form">
        <label className="inline-field">
          Point
          <input className="input input-small" aria-label="Label" list="prompt-label-names" value={label} onChange={(e) => setLabel(e.target.value)} />
          <datalist id="prompt-label-names">
            <option value="production" />
            <option value="staging" />
          </datalist>
        </label>
        <label className="inline-field">
          at
          <select className="input input-small" aria-label="Version to label" value={version} onChange={(e) => setVersion(e.target.value)}>
            {detail.versions.map((v) => <option key={v.version} value={v.version}>{`${detail.name}@${v.version}`}</option>)}
          </select>
        </label>
        <button type="button" className="btn btn-small btn-primary" disabled={busy} onClick={() => void act(() => api.call('prompts.setLabel', { name: detail.name, label, version: Number(version) }))}>
          Set label
        </button>
        <span className="muted small">Moving production needs an approver who did not write the version.</span>
      </div>
      {error !== null && <ErrorNotice error={error} title="Label not moved" />}
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col" className="num">Version</th>
              <th scope="col">Moved by</th>
              <th scope="col">When</th>
              <th scope="col"><span className="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {detail.labels.length === 0 && (
              <tr><td colSpan={5} className="muted">No labels yet. Point staging at a version to try it, then production once someone else approves.</td></tr>
            )}
            {detail.labels.map((l) => (
              <tr key={l.label} data-testid="prompt-label-row">
                <td className="strong">{l.label}{l.protected && <span className="badge badge-warn">protected</span>}</td>
                <td className="num mono">{l.version}</td>
                <td>{l.updatedBy}</td>
                <td className="nowrap">{formatDateTime(l.updatedAt)}</td>
                <td>
                  <button type="button" className="btn btn-tiny btn-danger-outline" disabled={busy} onClick={() => void act(() => api.call('prompts.rollback', { name: detail.name, label: l.label }))}>
                    Roll back
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 className="section-title">History</h2>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Label</th>
              <th scope="col">Move</th>
              <th scope="col">Action</th>
              <th scope="col">By</th>
            </tr>
          </thead>
          <tbody>
            {detail.history.length === 0 && <tr><td colSpan={5} className="muted">No label has moved yet.</td></tr>}
            {detail.history.map((e) => (
              <tr key={e.seq} data-testid="prompt-label-event">
                <td className="nowrap">{formatDateTime(e.at)}</td>
                <td>{e.label}</td>
                <td className="mono">{e.fromVersion ?? DASH} → {e.toVersion}</td>
                <td>{e.action}</td>
                <td>{e.by}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
