import { useState } from 'react';
import type { PromptContent, PromptMessage, PromptVersion } from '../../../shared/methods/prompts';
import type { TriadError } from '../../../shared/errors';
import { asTriadError } from '../api/ApiClient';
import { useApi } from '../api/ApiContext';
import { ErrorNotice } from '../components/ErrorNotice';
import { TextField } from '../components/TextField';
import { PromptPreview } from './PromptPreview';
import { draftContent, type PromptDraft } from './promptDraft';
import { usePromptPreview } from './usePromptPreview';
import { VariablesForm } from './VariablesForm';

interface Props {
  /** The prompt this draft becomes a version of; null for a new prompt. */
  name: string | null;
  initial: PromptDraft;
  base?: PromptContent | undefined;
  mayWrite: boolean;
  onSaved: (version: PromptVersion, duplicate: boolean) => void;
}

/** Edits a draft with a live preview; saving creates a new immutable version (or the prompt). */
export function PromptEditor({ name, initial, base, mayWrite, onSaved }: Props) {
  const api = useApi();
  const [draft, setDraft] = useState(initial);
  const [newName, setNewName] = useState('');
  const [vars, setVars] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<TriadError | null>(null);
  const built = draftContent(draft, base);
  const preview = usePromptPreview('content' in built ? built.content : null, vars);

  const patch = (p: Partial<PromptDraft>) => setDraft((d) => ({ ...d, ...p }));
  const setMessage = (i: number, m: Partial<PromptMessage>) =>
    setDraft((d) => ({ ...d, messages: d.messages.map((old, j) => (j === i ? { ...old, ...m } : old)) }));

  const save = async () => {
    if (!('content' in built)) return;
    setSaving(true);
    setError(null);
    try {
      if (name === null) {
        const res = await api.call('prompts.create', { name: newName, content: built.content, commitMessage: draft.commitMessage });
        onSaved(res.version, false);
      } else {
        const res = await api.call('prompts.addVersion', { name, content: built.content, commitMessage: draft.commitMessage });
        onSaved(res.version, res.duplicate);
      }
    } catch (e) {
      setError(asTriadError(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="prompt-editor-grid">
      <div className="stack">
        {name === null && <TextField label="Prompt name" value={newName} onChange={setNewName} placeholder="support-reply" help="Letters, digits, dot, dash or underscore." />}
        <div className="field">
          <label htmlFor="prompt-system" className="field-label">
            System prompt <span className="muted">(optional)</span>
          </label>
          <textarea id="prompt-system" className="input textarea" rows={3} value={draft.system} onChange={(e) => patch({ system: e.target.value })} />
        </div>
        {draft.messages.map((m, i) => (
          <div key={i} className="field">
            <div className="prompt-message-head">
              <label htmlFor={`prompt-message-${i}`} className="field-label">
                {draft.messages.length === 1 ? 'User message template' : `Message ${i + 1}`}
              </label>
              {draft.messages.length > 1 && (
                <>
                  <select className="input input-small" aria-label={`Role of message ${i + 1}`} value={m.role} onChange={(e) => setMessage(i, { role: e.target.value as PromptMessage['role'] })}>
                    <option value="user">user</option>
                    <option value="assistant">assistant</option>
                  </select>
                  <button type="button" className="btn btn-tiny btn-ghost" onClick={() => patch({ messages: draft.messages.filter((_, j) => j !== i) })}>
                    Remove
                  </button>
                </>
              )}
            </div>
            <textarea
              id={`prompt-message-${i}`}
              className="input textarea prompt-input mono"
              rows={6}
              value={m.content}
              onChange={(e) => setMessage(i, { content: e.target.value })}
              placeholder="Answer the customer {{customer}} about {{topic}}."
            />
          </div>
        ))}
        <button type="button" className="btn btn-tiny btn-ghost prompt-add-message" onClick={() => patch({ messages: [...draft.messages, { role: 'user', content: '' }] })}>
          Add a message (few-shot turns)
        </button>
        <div className="prompt-param-grid">
          <TextField label="Temperature" value={draft.temperature} onChange={(v) => patch({ temperature: v })} inputMode="decimal" placeholder="default" />
          <TextField label="Max tokens" value={draft.maxTokens} onChange={(v) => patch({ maxTokens: v })} inputMode="numeric" placeholder="default" />
          <TextField label="Pinned model" value={draft.model} onChange={(v) => patch({ model: v })} placeholder="e.g. demo-assistant@1" />
        </div>
        <div className="field">
          <label htmlFor="prompt-schema" className="field-label">
            Output JSON schema <span className="muted">(optional)</span>
          </label>
          <textarea id="prompt-schema" className="input textarea mono" rows={2} value={draft.outputSchema} onChange={(e) => patch({ outputSchema: e.target.value })} placeholder='{"type": "object"}' />
          {'schemaError' in built && <p className="field-help text-danger">{built.schemaError}</p>}
        </div>
        <TextField label="Commit message" value={draft.commitMessage} onChange={(v) => patch({ commitMessage: v })} placeholder="What changed and why" />
        <div className="run-controls">
          <button type="button" className="btn btn-primary" onClick={() => void save()} disabled={!mayWrite || saving || !('content' in built)}>
            {name === null ? 'Create prompt' : 'Save as new version'}
          </button>
          {!mayWrite && <span className="muted small">Your role may read prompts but not change them.</span>}
        </div>
        {error !== null && <ErrorNotice error={error} title="Not saved" />}
      </div>
      <div className="stack">
        <VariablesForm variables={preview.result?.variables ?? []} values={vars} onChange={setVars} />
        <PromptPreview result={preview.result} error={preview.error} />
      </div>
    </div>
  );
}
