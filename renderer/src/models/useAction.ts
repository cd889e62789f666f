import { useState } from 'react';
import type { TriadError } from '../../../shared/errors';
import { asTriadError } from '../api/ApiClient';

/** Runs one change at a time and keeps its error for display; `onDone` refreshes what changed. */
export function useAction(onDone: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<TriadError | null>(null);
  const run = async (work: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await work();
      onDone();
      return true;
    } catch (err) {
      setError(asTriadError(err));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}
