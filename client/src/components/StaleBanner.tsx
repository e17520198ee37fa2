import { useI18n } from "../lib/i18n";
import { describeError } from "../lib/errors";
import "../lib/errors-messages";
import "./components-messages";

/**
 * Shown above data from the cache when refreshing it failed: the screen keeps what it had, but says that it may be
 * out of date, why the refresh failed (in plain words) and offers to try again.
 */
export function StaleBanner({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const failure = describeError(error, t);
  return (
    <div role="alert" className="stale-banner" data-testid="stale-banner">
      <p>
        <strong>{t("stale.title")}</strong> {t("stale.text", { reason: failure.message })}
      </p>
      {onRetry && (
        <button type="button" className="secondary" onClick={onRetry}>
          {t("common.retry")}
        </button>
      )}
    </div>
  );
}
