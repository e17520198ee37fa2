import type { ReactNode } from "react";
import { useI18n } from "../lib/i18n";
import "./components-messages";

/** Loading, error and empty states around a query's content. */
export function DataState({
  loading,
  error,
  empty,
  emptyText,
  onRetry,
  children,
}: {
  loading: boolean;
  error?: { message: string } | null | undefined;
  empty?: boolean;
  emptyText?: string;
  onRetry?: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  if (error) {
    return (
      <div role="alert" className="state state-error">
        <p>{t("common.error", { message: error.message })}</p>
        {onRetry && (
          <button type="button" onClick={onRetry}>
            {t("common.retry")}
          </button>
        )}
      </div>
    );
  }
  if (loading) {
    return (
      <div className="state state-loading" role="status" aria-live="polite">
        {t("common.loading")}
      </div>
    );
  }
  if (empty) return <p className="state state-empty">{emptyText ?? t("common.empty")}</p>;
  return <>{children}</>;
}
