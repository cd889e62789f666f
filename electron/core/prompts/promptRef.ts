import { TriadError } from '../../../shared/errors';

export type ParsedPromptRef =
  | { kind: 'latest'; name: string }
  | { kind: 'version'; name: string; version: number }
  | { kind: 'label'; name: string; label: string };

/** `NAME` or `NAME@latest` (the newest version), `NAME@3`, or `NAME@production` (a label). */
export function parsePromptRef(ref: string): ParsedPromptRef {
  const text = ref.trim();
  const at = text.lastIndexOf('@');
  if (at === -1) {
    if (!text) throw badRef(ref);
    return { kind: 'latest', name: text };
  }
  const name = text.slice(0, at);
  const suffix = text.slice(at + 1);
  if (!name || !suffix) throw badRef(ref);
  if (/^\d+$/.test(suffix)) return { kind: 'version', name, version: Number(suffix) };
  if (suffix === 'latest') return { kind: 'latest', name };
  return { kind: 'label', name, label: suffix };
}

function badRef(ref: string): TriadError {
  return new TriadError('BAD_INPUT', `"${ref}" is not a valid prompt reference.`, 'Use NAME, NAME@VERSION or NAME@LABEL, for example support-reply@production.');
}
