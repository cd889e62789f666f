import { useState } from 'react';
import { GPU_CHOICES, type SettingInfo } from '../../../shared/methods/settings';
import { formatDateTime } from '../format/format';

const SOURCE_TONE: Record<SettingInfo['source'], string> = { env: 'warn', stored: 'info', default: 'neutral' };

/** Where the value comes from, as text with a tinted dot. */
export function SourceBadge({ setting: s }: { setting: SettingInfo }) {
  const label = s.source === 'env' ? `overridden by ${s.envVar}` : s.source;
  return (
    <span className={`badge badge-${SOURCE_TONE[s.source]}`} data-testid="setting-source">
      <span className="badge-dot" aria-hidden="true" />
      {label}
    </span>
  );
}

interface Props {
  setting: SettingInfo;
  canManage: boolean;
  busy: boolean;
  onSave: (value: string) => void;
}

export function SettingRow({ setting: s, canManage, busy, onSave }: Props) {
  const [draft, setDraft] = useState(String(s.value));
  const overridden = s.source === 'env';
  const unchanged = draft.trim() === String(s.value);
  return (
    <tr data-testid="setting-row" data-key={s.key}>
      <td>
        <div className="mono strong">{s.key}</div>
        <div className="muted small">{s.description}</div>
      </td>
      <td className="mono-num strong">{String(s.value)}</td>
      <td className="nowrap">
        <SourceBadge setting={s} />
        {overridden && s.stored !== null && <div className="muted small">stored: {String(s.stored)}</div>}
      </td>
      <td className="mono-num muted">{String(s.default)}</td>
      <td className="nowrap small">{s.updatedAt === null ? '—' : `${formatDateTime(s.updatedAt)} by ${s.updatedBy ?? '—'}`}</td>
      {canManage && (
        <td className="nowrap">
          {overridden ? (
            <span className="muted small">Unset {s.envVar} to change it here</span>
          ) : (
            <form
              className="inline-field"
              onSubmit={(e) => {
                e.preventDefault();
                onSave(draft.trim());
              }}
            >
              {s.key === 'runtime.gpu' ? (
                <select className="input input-small" aria-label={`New value for ${s.key}`} value={draft} disabled={busy} onChange={(e) => setDraft(e.target.value)}>
                  {GPU_CHOICES.map((g) => (
                    <option key={g} value={g}>
                      {g}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  className="input input-small"
                  aria-label={`New value for ${s.key}`}
                  title={s.validValues}
                  placeholder={s.validValues}
                  value={draft}
                  disabled={busy}
                  size={10}
                  onChange={(e) => setDraft(e.target.value)}
                />
              )}
              <button type="submit" className="btn btn-small" disabled={busy || unchanged || draft.trim() === ''}>
                Save
              </button>
            </form>
          )}
        </td>
      )}
    </tr>
  );
}
