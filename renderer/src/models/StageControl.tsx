import { useState } from 'react';
import { STAGE_TRANSITIONS, type ModelStage, type ModelVersionDetail } from '../../../shared/methods/models';
import { useApi } from '../api/ApiContext';
import { ErrorNotice } from '../components/ErrorNotice';
import type { ModelAccess } from './modelAccess';
import { useAction } from './useAction';

/** Moves one version to its next stage, with the reason that goes on the record. */
export function StageControl({ version, access, onChanged }: { version: ModelVersionDetail; access: ModelAccess; onChanged: () => void }) {
  const api = useApi();
  // Approving needs models.approve; every other move needs models.write.
  const next = (STAGE_TRANSITIONS[version.stage as ModelStage] ?? []).filter((s) => (s === 'approved' ? access.approve : access.write));
  const [stage, setStage] = useState<ModelStage | ''>('');
  const [reason, setReason] = useState('');
  const action = useAction(onChanged);
  const chosen = stage !== '' && next.includes(stage) ? stage : (next[0] ?? '');
  if (next.length === 0) return null;
  const ref = `${version.name}@${version.version}`;
  return (
    <div className="stack">
      <div className="row">
        <select className="input input-small" aria-label={`Next stage for ${ref}`} value={chosen} onChange={(e) => setStage(e.target.value as ModelStage)}>
          {next.map((s) => (
            <option key={s} value={s}>
              {s === 'approved' ? 'approve' : `move to ${s}`}
            </option>
          ))}
        </select>
        <input className="input input-small" aria-label={`Reason for ${ref}`} placeholder="reason (recorded)" value={reason} onChange={(e) => setReason(e.target.value)} />
        <button
          type="button"
          className="btn btn-small"
          disabled={action.busy || chosen === '' || reason.trim() === ''}
          onClick={() => void action.run(() => api.call('models.setStage', { ref, stage: chosen as ModelStage, reason })).then((ok) => ok && setReason(''))}
        >
          Apply
        </button>
      </div>
      {action.error !== null && <ErrorNotice error={action.error} />}
    </div>
  );
}
