import { useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { TraceSummary } from '../../../shared/domain';
import { SortHeader } from '../components/SortHeader';
import type { SortDir } from '../components/SortHeader';
import { StatusBadge } from '../components/StatusBadge';
import { formatCount, formatDateTime, formatMs, modelRef } from '../format/format';
import { TRACE_COLUMNS } from './traceColumns';

interface Props {
  traces: TraceSummary[];
  sort: string;
  dir: SortDir;
  onSort: (column: string) => void;
  onOpen: (id: string) => void;
}

/**
 * The traces as a dense table. Rows are one tab stop: arrow keys move between
 * them, Home/End jump, Enter opens the focused trace.
 */
export function TraceTable({ traces, sort, dir, onSort, onOpen }: Props) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [active, setActive] = useState(0);
  const activeIndex = Math.min(active, traces.length - 1);

  const focusRow = (index: number) => {
    const rows = bodyRef.current?.rows;
    if (rows === undefined || rows.length === 0) return;
    rows[Math.max(0, Math.min(index, rows.length - 1))]?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, index: number, id: string) => {
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: traces.length - 1,
      PageDown: index + 10,
      PageUp: index - 10,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      focusRow(target);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      onOpen(id);
    }
  };

  return (
    <table className="table table-interactive" aria-label="Traces">
      <thead>
        <tr>
          {TRACE_COLUMNS.map((c) => (
            <SortHeader
              key={c.key}
              label={c.label}
              column={c.key}
              sort={sort}
              dir={dir}
              onSort={onSort}
              align={c.numeric ? 'right' : 'left'}
            />
          ))}
        </tr>
      </thead>
      <tbody ref={bodyRef}>
        {traces.map((t, index) => (
          <tr
            key={t.id}
            data-testid="trace-row"
            tabIndex={index === activeIndex ? 0 : -1}
            onFocus={() => setActive(index)}
            onClick={() => onOpen(t.id)}
            onKeyDown={(event) => onKeyDown(event, index, t.id)}
          >
            <td className="nowrap mono-num">{formatDateTime(t.startedAt)}</td>
            <td>{t.user}</td>
            <td>{t.source}</td>
            <td className="nowrap">{modelRef(t.model)}</td>
            {t.purgedAt ? (
              <td className="preview muted" colSpan={2} data-testid="trace-purged">
                Purged by retention on {formatDateTime(t.purgedAt)}
              </td>
            ) : (
              <>
                <td className="preview" title={t.inputPreview}>
                  {t.inputPreview}
                </td>
                <td className="preview" title={t.outputPreview}>
                  {t.outputPreview}
                </td>
              </>
            )}
            <td>
              <StatusBadge status={t.status} />
            </td>
            <td className="num">{formatCount(t.outputTokens)}</td>
            <td className="num nowrap">{formatMs(t.totalMs)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
