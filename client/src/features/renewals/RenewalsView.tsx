import { useRenewalsQuery } from "../../graphql/generated";
import { PagedList } from "../../components/PagedList";
import { useI18n } from "../../lib/i18n";
import { useUrlParams } from "../../lib/url-params";
import { RenewalGroups } from "./components/RenewalGroups";
import { DEFAULT_WINDOW, RENEWAL_WINDOWS, renewalParams } from "./urls";
import "./messages";
import "../subscriptions/subscriptions.css";
import "./renewals.css";

const PAGE_SIZE = 50;

/**
 * /renewals — for providers and resellers: what renews or expires in the next 7, 30 or 90 days, by reseller and
 * customer, built for "reduce before it renews" (each row links to its subscription panel).
 */
export function RenewalsView() {
  const { t } = useI18n();
  const [url, setUrl] = useUrlParams(renewalParams);
  const within = url.within ?? DEFAULT_WINDOW;
  const { data, previousData, loading, error, refetch } = useRenewalsQuery({
    variables: { within: Number(within), first: PAGE_SIZE, after: url.after || null },
    fetchPolicy: "cache-and-network",
  });
  const connection = (data ?? previousData)?.renewals;
  const days = t(`renewals.window.${within}`);

  return (
    <section aria-labelledby="rn-title">
      <h1 id="rn-title">{t("renewals.title")}</h1>
      <p className="sub-lead">{t("renewals.intro")}</p>
      <fieldset className="rn-windows-choice">
        <legend>{t("renewals.window")}</legend>
        {RENEWAL_WINDOWS.map((w) => (
          <label key={w}>
            <input
              type="radio"
              name="renewal-window"
              value={w}
              checked={within === w}
              onChange={() => setUrl({ within: w === DEFAULT_WINDOW ? null : w })}
            />{" "}
            {t(`renewals.window.${w}`)}
          </label>
        ))}
      </fieldset>
      <PagedList
        connection={connection}
        loading={loading}
        error={error}
        onRetry={() => void refetch()}
        emptyText={t("renewals.empty")}
        after={url.after}
        onPage={(after) => setUrl({ after }, { keepCursor: true })}
      >
        {(page) => <RenewalGroups rows={page.nodes} days={days} />}
      </PagedList>
    </section>
  );
}
