import { useCallback, useEffect, useState } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/contract';
import type { TriadError } from '../../../shared/errors';
import { asTriadError } from '../api/ApiClient';
import { useApi } from '../api/ApiContext';

interface Settled<T> {
  key: string;
  data?: T;
  error?: TriadError;
}

export interface QueryResult<T> {
  data: T | undefined;
  error: TriadError | undefined;
  /** True while the answer for the current input is still on its way. */
  loading: boolean;
  reload: () => void;
}

/**
 * Loads one contract method and reloads when its input changes. The previous
 * answer stays on screen while a reload is under way, so tables do not flash.
 */
export function useQuery<M extends MethodName>(method: M, input: MethodInput<M>): QueryResult<MethodOutput<M>> {
  const api = useApi();
  const inputJson = JSON.stringify(input);
  const [generation, setGeneration] = useState(0);
  const [settled, setSettled] = useState<Settled<MethodOutput<M>> | null>(null);
  const key = `${method}:${inputJson}#${generation}`;

  useEffect(() => {
    let live = true;
    // Inputs are plain JSON, so parsing the key's JSON gives the same input back.
    const parsed = JSON.parse(inputJson) as MethodInput<M>;
    api.call(method, parsed).then(
      (data) => {
        if (live) setSettled({ key, data });
      },
      (error: unknown) => {
        if (live) setSettled((prev) => ({ key, data: prev?.data, error: asTriadError(error) }));
      },
    );
    return () => {
      live = false;
    };
  }, [api, method, inputJson, key]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return {
    data: settled?.data,
    error: settled?.key === key ? settled.error : undefined,
    loading: settled?.key !== key,
    reload,
  };
}
