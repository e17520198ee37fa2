import type { ReactNode } from "react";
import { useI18n } from "../lib/i18n";
import { describeError } from "../lib/errors";
import { StaleBanner } from "./StaleBanner";
import "../lib/errors-messages";
import "./components-messages";

/**
 * Loading, error and empty states around a query's content. A failure is worded for people (lib/errors.ts: "the
 * service is not available…" rather than "Received status code 503") with "Try again" when that can help. With
 * `hasData` (the cache still has an earlier answer), a failed refresh keeps the content and puts a stale-data
 * banner above it.
 */
export function DataState({
  loading,
  error,
  hasData = false,
  empty,
  emptyText,
  onRetry,
  children,
}: {
  loading: boolean;
  error?: unknown;
  /** The content shown is data loaded earlier: an error then means "stale", not "nothing to show". */
  hasData?: boolean;
  empty?: boolean;
  emptyText?: string;
  onRetry?: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  if (error && hasData) {
    return (
      <>
        <StaleBanner error={error} onRetry={onRetry} />
        {empty ? <p className="state state-empty">{emptyText ?? t("common.empty")}</p> : children}
      </>
    );
  }
  if (error) {
    const failure = describeError(error, t);
    return (
      <div role="alert" className="state state-error">
        <p>{failure.kind === "other" ? t("common.error", { message: failure.message }) : failure.message}</p>
        {onRetry && failure.kind !== "forbidden" && failure.kind !== "unauthenticated" && (
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
