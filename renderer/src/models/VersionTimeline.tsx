import type { ModelDetail } from '../../../shared/methods/models';
import { HashText } from '../components/HashText';
import { formatBytes, formatDateTime } from '../format/format';
import { StageBadge } from './StageBadge';
import { StageControl } from './StageControl';
import type { ModelAccess } from './modelAccess';

/** Versions newest first, each with its stage, labels and the history of its stage changes. */
export function VersionTimeline({ detail, access, onChanged }: { detail: ModelDetail; access: ModelAccess; onChanged: () => void }) {
  const versions = [...detail.versions].reverse();
  return (
    <section className="panel" aria-label="Versions">
      <h2 className="section-title">Versions</h2>
      <ol className="timeline">
        {versions.map((v) => (
          <li key={v.id} className="timeline-item" data-testid="version-item">
            <div className="timeline-head">
              <strong className="mono">
                {v.name}@{v.version}
              </strong>
              <StageBadge stage={v.stage} />
              {v.labels.map((l) => (
                <span key={l} className="label-chip" title={`label ${l}`}>
                  {l}
                </span>
              ))}
              <HashText hash={v.sha256} />
              <span className="muted small">
                {v.metadata?.quantization ?? v.fileType ?? ''} · {formatBytes(v.sizeBytes)} · {v.storage === 'link' ? 'linked in place' : 'in store'} · by {v.createdBy},{' '}
                {formatDateTime(v.createdAt)}
              </span>
            </div>
            {v.notes !== '' && <p className="small">{v.notes}</p>}
            {v.stageEvents.length > 0 && (
              <ul className="timeline-events">
                {v.stageEvents.map((e, i) => (
                  <li key={i}>
                    {e.fromStage} → <strong>{e.toStage}</strong> by {e.actor}, {formatDateTime(e.at)}: “{e.reason}”
                  </li>
                ))}
              </ul>
            )}
            {(access.write || access.approve) && <StageControl version={v} access={access} onChanged={onChanged} />}
          </li>
        ))}
      </ol>
    </section>
  );
}
