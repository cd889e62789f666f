import { useState } from 'react';
import type { ModelDetail } from '../../../shared/methods/models';
import { useApi } from '../api/ApiContext';
import { ErrorNotice } from '../components/ErrorNotice';
import { formatDateTime } from '../format/format';
import type { ModelAccess } from './modelAccess';
import { useAction } from './useAction';

/** Where each label points, moving a label, rolling it back, and every move ever made. */
export function LabelPanel({ detail, access, onChanged }: { detail: ModelDetail; access: ModelAccess; onChanged: () => void }) {
  // The core decides per label (production needs models.approve); show the controls to anyone who may move some label.
  const mayWrite = access.write || access.approve;
  const api = useApi();
  const action = useAction(onChanged);
  const [label, setLabel] = useState('production');
  const [version, setVersion] = useState('');
  const [reason, setReason] = useState('');
  const candidates = detail.versions.filter((v) => v.stage !== 'retired').map((v) => v.version);
  const chosen = candidates.includes(Number(version)) ? Number(version) : (candidates.at(-1) ?? 0);

  return (
    <section className="panel" aria-label="Labels">
      <h2 className="section-title">Labels</h2>
      <p className="small muted">
        <code>{detail.name}</code> alone runs{' '}
        {detail.resolves === null
          ? 'nothing yet'
          : `@${detail.resolves.version} (${detail.resolves.via === 'production' ? 'the production label' : detail.resolves.via === 'approved' ? 'newest approved version' : 'newest version: nothing is approved yet'})`}
        .
      </p>
      {detail.labels.length === 0 && <p className="muted small">No labels yet. Point production at an approved version to make it what the name runs.</p>}
      {detail.labels.map((l) => (
        <div key={l.label} className="row" data-testid="label-row">
          <span className="label-chip">{l.label}</span>
          <span className="mono">→ @{l.version}</span>
          <span className="muted small">since {formatDateTime(l.updatedAt)}</span>
          {mayWrite && (
            <button
              type="button"
              className="btn btn-tiny"
              disabled={action.busy || reason.trim() === ''}
              title={reason.trim() === '' ? 'Write a reason below first' : undefined}
              onClick={() => void action.run(() => api.call('models.rollback', { name: detail.name, label: l.label, reason }))}
            >
              Roll back {l.label}
            </button>
          )}
        </div>
      ))}
      {mayWrite && (
        <div className="row">
          <input className="input input-small" aria-label="Label" value={label} onChange={(e) => setLabel(e.target.value)} />
          <select className="input input-small" aria-label="Label version" value={chosen} onChange={(e) => setVersion(e.target.value)}>
            {candidates.map((v) => (
              <option key={v} value={v}>
                @{v}
              </option>
            ))}
          </select>
          <input className="input input-small" aria-label="Label reason" placeholder="reason (recorded)" value={reason} onChange={(e) => setReason(e.target.value)} />
          <button
            type="button"
            className="btn btn-small"
            disabled={action.busy || reason.trim() === '' || chosen === 0}
            onClick={() => void action.run(() => api.call('models.setLabel', { name: detail.name, label: label.trim(), version: chosen, reason }))}
          >
            Set label
          </button>
        </div>
      )}
      {action.error !== null && <ErrorNotice error={action.error} />}
      {detail.labelHistory.length > 0 && (
        <div className="table-wrap">
          <table className="table" aria-label="Label history">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Label</th>
                <th scope="col">Move</th>
                <th scope="col">Who</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {detail.labelHistory.map((e, i) => (
                <tr key={i} data-testid="label-history-row">
                  <td className="nowrap">{formatDateTime(e.at)}</td>
                  <td className="mono">{e.label}</td>
                  <td className="mono nowrap">
                    {e.kind === 'rollback' ? 'rollback ' : ''}@{e.fromVersion ?? '—'} → @{e.toVersion}
                  </td>
                  <td>{e.actor}</td>
                  <td>{e.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
