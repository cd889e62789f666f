import { useEffect, useState } from 'react';
import type { PreviewResult, PromptContentInput } from '../../../shared/methods/prompts';
import type { TriadError } from '../../../shared/errors';
import { asTriadError } from '../api/ApiClient';
import { useApi } from '../api/ApiContext';

const DEBOUNCE_MS = 200;

/** Renders the draft in the core as the author types (debounced); syntax errors come back as errors. */
export function usePromptPreview(content: PromptContentInput | null, vars: Record<string, string>) {
  const api = useApi();
  const key = JSON.stringify({ content, vars });
  const [state, setState] = useState<{ key: string; result?: PreviewResult; error?: TriadError }>({ key: '' });

  useEffect(() => {
    const parsed = JSON.parse(key) as { content: PromptContentInput | null; vars: Record<string, string> };
    if (parsed.content === null) return;
    const input = { content: parsed.content, vars: parsed.vars };
    let live = true;
    const timer = setTimeout(() => {
      api.call('prompts.preview', input).then(
        (result) => live && setState({ key, result }),
        (error: unknown) => live && setState((prev) => ({ key, result: prev.result, error: asTriadError(error) })),
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, key]);

  return { result: state.result, error: state.key === key ? state.error : undefined };
}
