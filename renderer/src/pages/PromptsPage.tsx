import { useSearchParams } from 'react-router';
import { PROMPT_ACCESS } from '../../../shared/methods/prompts';
import { roleMayCall } from '../../../shared/permissions';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageHeader } from '../components/PageHeader';
import { plural } from '../format/format';
import { useQuery } from '../hooks/useQuery';
import { PromptDetailPane, PROMPT_TABS, type PromptTab } from '../prompts/PromptDetailPane';
import { EMPTY_DRAFT } from '../prompts/promptDraft';
import { PromptEditor } from '../prompts/PromptEditor';
import { PromptFilesPanel } from '../prompts/PromptFilesPanel';
import { useSessionStore } from '../stores/sessionStore';
import '../prompts/prompts.css';

/** The prompt registry: versioned templates, live preview, diffs and labels. The selection lives in the URL. */
export function PromptsPage() {
  const [search, setSearch] = useSearchParams();
  const role = useSessionStore((s) => s.session?.user.role);
  const mayWrite = role !== undefined && roleMayCall(role, PROMPT_ACCESS.write);
  const list = useQuery('prompts.list', {});
  const creating = search.get('new') === '1';
  const name = creating ? null : (search.get('name') ?? list.data?.[0]?.name ?? null);
  const tabParam = search.get('tab');
  const tab: PromptTab = (PROMPT_TABS as readonly string[]).includes(tabParam ?? '') ? (tabParam as PromptTab) : 'editor';
  const go = (next: Record<string, string>) => setSearch(next);

  return (
    <div className="page">
      <PageHeader
        title="Prompts"
        meta={list.data !== undefined && plural(list.data.length, 'prompt')}
        actions={
          <button type="button" className="btn btn-small btn-primary" onClick={() => go({ new: '1' })} disabled={!mayWrite}>
            New prompt
          </button>
        }
      />
      {list.error !== undefined && <ErrorNotice error={list.error} title="Could not load prompts" onRetry={list.reload} />}
      <div className="prompts-layout">
        <nav className="prompts-list" aria-label="Prompts">
          {list.data?.length === 0 && !creating && <p className="muted small">No prompts yet.</p>}
          {list.data?.map((p) => (
            <button
              key={p.name}
              type="button"
              className={`prompts-list-item${p.name === name ? ' selected' : ''}`}
              aria-current={p.name === name ? 'page' : undefined}
              onClick={() => go({ name: p.name, tab })}
            >
              <span className="strong">{p.name}</span>
              <span className="muted small">
                v{p.latestVersion}
                {p.labels.map((l) => ` · ${l.label}→${l.version}`).join('')}
              </span>
            </button>
          ))}
        </nav>
        <div className="prompts-main">
          {creating && (
            <PromptEditor
              name={null}
              initial={EMPTY_DRAFT}
              mayWrite={mayWrite}
              onSaved={(v) => {
                list.reload();
                go({ name: v.name, tab: 'editor' });
              }}
            />
          )}
          {!creating && name === null && list.data !== undefined && (
            <EmptyState title="Create a prompt to begin">
              <p>
                A prompt is a versioned template: a system prompt and messages with <code>{'{{variables}}'}</code>, default
                parameters and an optional pinned model. Choose <strong>New prompt</strong>, or on the command line{' '}
                <code>triad prompts create NAME --file prompt.yaml</code>.
              </p>
            </EmptyState>
          )}
          {!creating && name !== null && (
            <PromptDetailPane name={name} tab={tab} onTab={(t) => go({ name, tab: t })} mayWrite={mayWrite} onChanged={list.reload} />
          )}
          <PromptFilesPanel mayWrite={mayWrite} onImported={list.reload} />
        </div>
      </div>
    </div>
  );
}
