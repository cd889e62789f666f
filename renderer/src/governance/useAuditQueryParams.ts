import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import type { MethodInput } from '../../../shared/contract';

export const AUDIT_PAGE_SIZE = 100;
const FILTER_KEYS = ['actor', 'action', 'source', 'target', 'from', 'to'] as const;
export type AuditFilterKey = (typeof FILTER_KEYS)[number];
export type AuditFilterValues = Record<AuditFilterKey, string>;

/** A calendar day (YYYY-MM-DD) at the start or end of that local day, as an ISO time. */
function dayBound(day: string, end: boolean): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const d = new Date(`${day}T00:00:00`);
  if (Number.isNaN(d.getTime())) return undefined;
  if (end) d.setHours(23, 59, 59, 999);
  return d.toISOString();
}

/** The audit log's filters and page, kept in the URL so a view can be shared or reloaded. */
export function useAuditQueryParams() {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? ''])) as AuditFilterValues;
  const page = Math.max(0, Number(params.get('page') ?? 0) || 0);

  const input: MethodInput<'auditLog.list'> = { limit: AUDIT_PAGE_SIZE, offset: page * AUDIT_PAGE_SIZE };
  if (values.actor) input.actor = values.actor;
  if (values.action) input.action = values.action;
  if (values.source) input.source = values.source as NonNullable<MethodInput<'auditLog.list'>['source']>;
  if (values.target.trim()) input.target = values.target.trim();
  const from = dayBound(values.from, false);
  const to = dayBound(values.to, true);
  if (from !== undefined) input.from = from;
  if (to !== undefined) input.to = to;

  const update = useCallback(
    (changes: Partial<Record<AuditFilterKey | 'page', string>>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(changes)) {
            if (value === undefined || value === '' || (key === 'page' && value === '0')) next.delete(key);
            else next.set(key, value);
          }
          // Any change of filter starts again at the newest events.
          if (!('page' in changes)) next.delete('page');
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const setFilter = useCallback((key: AuditFilterKey, value: string) => update({ [key]: value }), [update]);
  const setPage = useCallback((p: number) => update({ page: String(p) }), [update]);
  const clear = useCallback(() => update(Object.fromEntries(FILTER_KEYS.map((k) => [k, ''])) as AuditFilterValues), [update]);
  const filtered = FILTER_KEYS.some((k) => values[k] !== '');
  return { values, input, page, filtered, setFilter, setPage, clear };
}
