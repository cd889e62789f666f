import { useState } from 'react';
import type { PromptVersion } from '../../../shared/methods/prompts';
import { ErrorNotice } from '../components/ErrorNotice';
import { useQuery } from '../hooks/useQuery';
import { DiffView } from './DiffView';
import { LabelPanel } from './LabelPanel';
import { PromptEditor } from './PromptEditor';
import { draftFromVersion } from './promptDraft';
import { VersionHistory } from './VersionHistory';

export const PROMPT_TABS = ['editor', 'history', 'diff', 'labels'] as const;
export type PromptTab = (typeof PROMPT_TABS)[number];
const TAB_LABELS: Record<PromptTab, string> = { editor: 'Editor', history: 'Versions', diff: 'Diff', labels: 'Labels' };

interface Props {
  name: string;
  tab: PromptTab;
  onTab: (tab: PromptTab) => void;
  mayWrite: boolean;
  onChanged: () => void;
}

/** One prompt: edit a new version, read the history, compare versions, move labels. */
export function PromptDetailPane({ name, tab, onTab, mayWrite, onChanged }: Props) {
  const detail = useQuery('prompts.get', { name });
  const [base, setBase] = useState<number | null>(null);
  const [pair, setPair] = useState<[number, number] | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const d = detail.data?.name === name ? detail.data : undefined;
  if (detail.error !== undefined) return <ErrorNotice error={detail.error} title={`Could not load ${name}`} onRetry={detail.reload} />;
  if (d === undefined) return <p className="muted">Loading {name}…</p>;

  const latest = d.versions[0];
  const baseVersion: PromptVersion | undefined = d.versions.find((v) => v.version === base) ?? latest;
  const newest = latest?.version ?? 1;
  const [from, to] = pair ?? [Math.max(1, newest - 1), newest];
  const refresh = () => {
    detail.reload();
    onChanged();
  };

  return (
    <div className="stack">
      <div className="segmented prompt-tabs" role="tablist">
        {PROMPT_TABS.map((t) => (
          <button key={t} type="button" role="tab" aria-selected={t === tab} className={`segment${t === tab ? ' selected' : ''}`} onClick={() => onTab(t)}>
            {TAB_LABELS[t]}
          </button>
        ))}
      </div>
      {saved !== null && <p className="notice notice-info" role="status">{saved}</p>}
      {tab === 'editor' && baseVersion !== undefined && (
        <>
          <p className="muted small">
            Editing from {name}@{baseVersion.version}. Saving never changes a version: it adds the next one.
          </p>
          <PromptEditor
            key={`${name}@${baseVersion.version}#${d.versions.length}`}
            name={name}
            initial={draftFromVersion(baseVersion)}
            base={baseVersion.content}
            mayWrite={mayWrite}
            onSaved={(v, duplicate) => {
              setSaved(duplicate ? `No change: ${v.name}@${v.version} already has this content.` : `Saved ${v.name}@${v.version}.`);
              setBase(null);
              refresh();
            }}
          />
        </>
      )}
      {tab === 'history' && (
        <VersionHistory
          detail={d}
          onEditFrom={(v) => {
            setBase(v.version);
            onTab('editor');
          }}
          onCompare={(a, b) => {
            setPair([a, b]);
            onTab('diff');
          }}
        />
      )}
      {tab === 'diff' && <DiffView detail={d} from={from} to={to} onChange={(a, b) => setPair([a, b])} />}
      {tab === 'labels' && <LabelPanel detail={d} onChanged={refresh} />}
    </div>
  );
}
