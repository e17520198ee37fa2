import { useI18n } from "../lib/i18n";
import { PAGE_SIZES, pagePosition, type PageSize, type PagingValues } from "../lib/list-paging";
import "./list-messages";

export interface PageLinks {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** What a pager move writes to the URL: one cursor (or none, for page 1) and the page number shown. */
export interface PageMove {
  after?: string | null;
  before?: string | null;
  last?: string | null;
  page?: string | null;
  size?: PageSize | null;
}

/**
 * First / Previous / "Page N of M" / Next / Last and the page size. Every move is a keyset cursor: Last asks for
 * the final `total mod size` rows, so its page starts where paging forward would have started it.
 */
export function ListPager({
  totalCount,
  pageInfo,
  values,
  onMove,
}: {
  totalCount: number;
  pageInfo: PageLinks;
  values: PagingValues;
  onMove(move: PageMove): void;
}) {
  const { t, formatNumber } = useI18n();
  const { page, pages, lastPageSize } = pagePosition(values, totalCount);
  const clear = { after: null, before: null, last: null, page: null };
  const atStart = page <= 1 && !pageInfo.hasPreviousPage;
  const atEnd = page >= pages && !pageInfo.hasNextPage;
  return (
    <nav className="pager" aria-label="pagination">
      <span>{t("common.page.total", { count: formatNumber(totalCount) })}</span>
      <button type="button" onClick={() => onMove(clear)} disabled={atStart}>
        {t("list.first")}
      </button>
      <button
        type="button"
        onClick={() => onMove(page <= 2 ? clear : { ...clear, before: pageInfo.startCursor, page: String(page - 1) })}
        disabled={atStart}
      >
        {t("list.previous")}
      </button>
      <span aria-live="polite" className="pager-position">
        {t("list.pageOf", { page: formatNumber(page), pages: formatNumber(pages) })}
      </span>
      <button
        type="button"
        onClick={() => onMove({ ...clear, after: pageInfo.endCursor, page: String(page + 1) })}
        disabled={atEnd || !pageInfo.endCursor}
      >
        {t("list.next")}
      </button>
      <button
        type="button"
        onClick={() => onMove({ ...clear, last: String(lastPageSize), page: String(pages) })}
        disabled={atEnd}
      >
        {t("list.last")}
      </button>
      <label className="pager-size">
        {t("list.pageSize")}{" "}
        <select
          value={values.size ?? "20"}
          onChange={(e) => onMove({ ...clear, size: e.target.value === "20" ? null : (e.target.value as PageSize) })}
        >
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </label>
    </nav>
  );
}
