import { createTwoFilesPatch, diffLines, diffWordsWithSpace } from 'diff';
import type { DiffLine, PromptDiff } from '../../../shared/methods/prompts';
import { fileFromContent, toYaml } from './promptFile';
import type { StoredPromptVersion } from './promptRegistry';

function splitLines(value: string): string[] {
  const lines = value.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Pairs each removed line with the added line at the same place in the block, for word-level detail. */
function addWordDetail(removed: DiffLine[], added: DiffLine[]): void {
  const pairs = Math.min(removed.length, added.length);
  for (let i = 0; i < pairs; i++) {
    const del = removed[i];
    const add = added[i];
    if (!del || !add) continue;
    const parts = diffWordsWithSpace(del.text, add.text);
    del.words = parts.filter((p) => !p.added).map((p) => ({ kind: p.removed ? 'del' : 'same', text: p.value }));
    add.words = parts.filter((p) => !p.removed).map((p) => ({ kind: p.added ? 'add' : 'same', text: p.value }));
  }
}

/** The document both sides are compared as: the version in the prompt-file format. */
export function versionDocument(v: StoredPromptVersion): string {
  return toYaml(fileFromContent(v.content));
}

/** Line-level changes, with word-level detail on lines that changed in place. */
export function diffVersions(from: StoredPromptVersion, to: StoredPromptVersion): PromptDiff {
  const a = versionDocument(from);
  const b = versionDocument(to);
  const lines: DiffLine[] = [];
  let oldNo = 1;
  let newNo = 1;
  let removed: DiffLine[] = [];
  let added: DiffLine[] = [];
  const flush = () => {
    addWordDetail(removed, added);
    removed = [];
    added = [];
  };
  for (const change of diffLines(a, b)) {
    for (const text of splitLines(change.value)) {
      if (change.removed) {
        const line: DiffLine = { kind: 'del', oldNo: oldNo++, newNo: null, text, words: null };
        removed.push(line);
        lines.push(line);
      } else if (change.added) {
        const line: DiffLine = { kind: 'add', oldNo: null, newNo: newNo++, text, words: null };
        added.push(line);
        lines.push(line);
      } else {
        flush();
        lines.push({ kind: 'context', oldNo: oldNo++, newNo: newNo++, text, words: null });
      }
    }
  }
  flush();
  const label = (v: StoredPromptVersion) => `${v.name}@${v.version}`;
  return {
    from: { name: from.name, version: from.version, hash: from.hash },
    to: { name: to.name, version: to.version, hash: to.hash },
    identical: from.hash === to.hash,
    added: lines.filter((l) => l.kind === 'add').length,
    removed: lines.filter((l) => l.kind === 'del').length,
    lines,
    unified: createTwoFilesPatch(label(from), label(to), a, b, from.hash.slice(0, 12), to.hash.slice(0, 12)),
  };
}
