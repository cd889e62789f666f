export type SortDir = 'asc' | 'desc';

interface Props {
  label: string;
  column: string;
  sort: string;
  dir: SortDir;
  onSort: (column: string) => void;
  align?: 'left' | 'right';
}

/** A column header that sorts its table; aria-sort tells assistive tech the order. */
export function SortHeader({ label, column, sort, dir, onSort, align = 'left' }: Props) {
  const active = sort === column;
  const mark = (
    <span className="sort-mark" aria-hidden="true">
      {active ? (dir === 'asc' ? '▲' : '▼') : ''}
    </span>
  );
  return (
    <th
      scope="col"
      aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}
      className={align === 'right' ? 'num' : undefined}
    >
      <button type="button" className="sort-button" onClick={() => onSort(column)}>
        {align === 'right' && mark}
        {label}
        {align === 'left' && mark}
      </button>
    </th>
  );
}
