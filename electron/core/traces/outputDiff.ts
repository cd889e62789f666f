import { diffWordsWithSpace } from 'diff';
import type { DiffPart } from '../../../shared/domain';

/** Word-level diff from `before` to `after`, whitespace kept so the parts rebuild both texts exactly. */
export function outputDiff(before: string, after: string): DiffPart[] {
  if (before === after) return before === '' ? [] : [{ op: 'equal', text: before }];
  return diffWordsWithSpace(before, after).map((c) => ({ op: c.added ? 'insert' : c.removed ? 'delete' : 'equal', text: c.value }));
}
