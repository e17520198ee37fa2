import type { ReactNode } from "react";
import { useI18n } from "../lib/i18n";
import { nextSort, type SortValue } from "../lib/list-paging";
import "./list-messages";

/** A column header that sorts the list by its key: ascending, descending, then the list's default order. */
export function SortHeader<F extends string>({
  field,
  sort,
  onSort,
  className,
  children,
}: {
  field: F;
  sort: SortValue<F> | null;
  onSort(next: SortValue<F> | null): void;
  className?: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const active = sort?.field === field ? sort.direction : null;
  return (
    <th
      scope="col"
      className={className}
      aria-sort={active === "ASC" ? "ascending" : active === "DESC" ? "descending" : undefined}
    >
      <button type="button" className="sort-header" onClick={() => onSort(nextSort(sort, field))}>
        {children}
        <span aria-hidden="true">{active === "ASC" ? " ▲" : active === "DESC" ? " ▼" : ""}</span>
        {active && <span className="sr-only"> ({t(active === "ASC" ? "list.sortedAsc" : "list.sortedDesc")})</span>}
      </button>
    </th>
  );
}
