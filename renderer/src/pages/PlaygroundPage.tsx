import type { KeyboardEvent } from 'react';
import { roleHas } from '../../../shared/permissions';
import { useApi, useEventHub } from '../api/ApiContext';
import { ErrorNotice } from '../components/ErrorNotice';
import { PageHeader } from '../components/PageHeader';
import { useQuery } from '../hooks/useQuery';
import { flattenVersions, versionRef } from '../models/modelRefs';
import { ModelPicker } from '../playground/ModelPicker';
import { ModeSwitch } from '../playground/ModeSwitch';
import { OutputControls } from '../playground/OutputControls';
import { AdapterPicker } from '../playground/AdapterPicker';
import { ParamsPanel } from '../playground/ParamsPanel';
import { PromptPicker } from '../prompts/PromptPicker';
import { appliedPins, usePromptPick } from '../prompts/promptPickStore';
import { RunOutput } from '../playground/RunOutput';
import { RunResultBar } from '../playground/RunResultBar';
import { isRunShortcut, RUN_SHORTCUT } from '../playground/shortcut';
import { usePlaygroundStore } from '../stores/playgroundStore';
import { useSessionStore } from '../stores/sessionStore';

/** Write a prompt, pick a model version and parameters, and watch the answer stream in. */
export function PlaygroundPage() {
  const api = useApi();
  const events = useEventHub();
  const role = useSessionStore((s) => s.session?.user.role);
  const form = usePlaygroundStore();
  const models = useQuery('models.list', {});

  const versions = models.data === undefined ? undefined : flattenVersions(models.data);
  const refs = versions?.map(versionRef) ?? [];
  // Keep the user's choice while it exists; otherwise default to the first version listed.
  const model = refs.includes(form.model) ? form.model : (refs[0] ?? '');
  // A picked saved prompt's pinned model and mode apply until the user changes them after picking.
  const pick = usePromptPick();
  const pinned = appliedPins(pick);
  const pinNote = `From the prompt ${pick.ref}; choose another to override it.`;
  const mode = pinned.mode ?? form.mode;
  const chooseModel = (ref: string) => {
    form.setModel(ref);
    pick.override('model');
  };
  const chooseMode = (next: typeof form.mode) => {
    form.setMode(next);
    pick.override('mode');
  };
  const mayRun = role !== undefined && roleHas(role, 'runs.create');
  const running = form.run.phase === 'running';

  const run = () => {
    if (!mayRun || running) return;
    void form.start(api, events, model);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (!isRunShortcut(event)) return;
    event.preventDefault();
    run();
  };

  return (
    <div className="page playground" onKeyDown={onKeyDown}>
      <PageHeader title="Playground" meta="Every run is recorded as a trace." />
      {!mayRun && role !== undefined && (
        <p className="notice notice-info" role="status">
          Your role ({role}) may read models and traces but not start runs. Ask an administrator for the analyst or
          engineer role.
        </p>
      )}
      <div className="playground-grid">
        <div className="composer">
          {mode === 'chat' && (
            <div className="field">
              <label htmlFor="playground-system" className="field-label">
                System message <span className="muted">(optional)</span>
              </label>
              <textarea
                id="playground-system"
                className="input textarea"
                rows={2}
                value={form.system}
                onChange={(event) => form.setSystem(event.target.value)}
                placeholder="Instructions the model follows for the whole conversation"
              />
            </div>
          )}
          <div className="field">
            <label htmlFor="playground-prompt" className="field-label">
              Prompt
            </label>
            <textarea
              id="playground-prompt"
              aria-label="Prompt"
              className="input textarea prompt-input"
              rows={6}
              value={form.prompt}
              onChange={(event) => form.setPrompt(event.target.value)}
              placeholder="Ask the model something"
              autoFocus
            />
          </div>
          <div className="run-controls">
            <button type="button" className="btn btn-primary" onClick={run} disabled={running || !mayRun}>
              Run
            </button>
            {running && (
              <button
                type="button"
                className="btn btn-danger-outline"
                onClick={() => void form.stop(api)}
                disabled={form.run.stopping}
              >
                {form.run.stopping ? 'Stopping…' : 'Stop'}
              </button>
            )}
            <kbd className="shortcut">{RUN_SHORTCUT}</kbd>
          </div>
          {form.run.error !== null && <ErrorNotice error={form.run.error} />}
          <RunOutput run={form.run} />
          {form.run.result !== null && <RunResultBar result={form.run.result} />}
        </div>
        <aside className="settings" aria-label="Run settings">
          <ModelPicker versions={versions} value={pinned.model ?? model} onChange={chooseModel} disabled={running} pinNote={pinned.model === null ? undefined : pinNote} />
          {models.error !== undefined && <ErrorNotice error={models.error} title="Could not load models" onRetry={models.reload} />}
          <ModeSwitch value={mode} onChange={chooseMode} disabled={running} pinNote={pinned.mode === null ? undefined : pinNote} />
          <ParamsPanel params={form.params} onChange={form.setParam} onReset={form.resetParams} disabled={running} />
          <AdapterPicker model={model} disabled={running} />
          <OutputControls
            stopStrings={form.stopStrings}
            jsonSchema={form.jsonSchema}
            onStopStrings={form.setStopStrings}
            onJsonSchema={form.setJsonSchema}
            disabled={running}
          />
          <PromptPicker disabled={running} />
        </aside>
      </div>
    </div>
  );
}
