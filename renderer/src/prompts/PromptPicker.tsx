import { useEffect, useId } from 'react';
import { useQuery } from '../hooks/useQuery';
import { usePromptPick } from './promptPickStore';
import { VariablesForm } from './VariablesForm';

/** Picks a saved prompt (by label or version) for the playground, with a field per variable. */
export function PromptPicker({ disabled }: { disabled: boolean }) {
  const id = useId();
  const pick = usePromptPick();
  const list = useQuery('prompts.list', {});
  const refs = (list.data ?? []).flatMap((p) => [
    ...p.labels.map((l) => `${p.name}@${l.label}`),
    ...Array.from({ length: p.latestVersion }, (_, i) => `${p.name}@${p.latestVersion - i}`),
  ]);
  return (
    <div className="field prompt-pick">
      <label htmlFor={`${id}-ref`} className="field-label">
        Saved prompt <span className="muted">(optional)</span>
      </label>
      <select id={`${id}-ref`} className="input" value={pick.ref} onChange={(e) => pick.setRef(e.target.value)} disabled={disabled}>
        <option value="">None: use the text I write</option>
        {pick.ref !== '' && !refs.includes(pick.ref) && <option value={pick.ref}>{pick.ref}</option>}
        {refs.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      {pick.ref !== '' && <PickedPrompt reference={pick.ref} />}
    </div>
  );
}

function PickedPrompt({ reference }: { reference: string }) {
  const pick = usePromptPick();
  const version = useQuery('prompts.resolve', { ref: reference });
  const picked = version.data;
  const current = version.loading || version.error !== undefined ? undefined : picked;
  const setPins = pick.setPins;
  // The version's pinned model and mode apply to the playground until the user changes them.
  // While a new pick loads, the previous answer is still on screen: only the current one counts.
  useEffect(() => {
    if (current !== undefined) setPins({ model: current.content.model, mode: current.content.params.mode ?? null });
  }, [current, setPins]);
  if (version.error !== undefined) return <p className="field-help text-danger">{version.error.message}</p>;
  if (picked === undefined) return null;
  return (
    <>
      <p className="field-help">
        Runs {picked.name}@{picked.version}: its template replaces the prompt and system message; the trace records the version.
      </p>
      <VariablesForm variables={picked.variables} values={pick.vars} onChange={(vars) => Object.entries(vars).forEach(([k, v]) => pick.setVar(k, v))} />
    </>
  );
}
