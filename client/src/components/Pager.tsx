import { useI18n } from "../lib/i18n";
import "./components-messages";

/** Cursor paging: the URL holds `after`; "first page" drops it. */
export function Pager({
  totalCount,
  hasNextPage,
  endCursor,
  after,
  onPage,
}: {
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
  after: string;
  onPage(after: string | null): void;
}) {
  const { t, formatNumber } = useI18n();
  return (
    <nav className="pager" aria-label="pagination">
      <span>{t("common.page.total", { count: formatNumber(totalCount) })}</span>
      <button type="button" onClick={() => onPage(null)} disabled={!after}>
        {t("common.first")}
      </button>
      <button type="button" onClick={() => endCursor && onPage(endCursor)} disabled={!hasNextPage}>
        {t("common.next")}
      </button>
    </nav>
  );
}
