import { useState } from "react";
import {
  useSettingsReplayWebhookDeliveryMutation,
  useSettingsWebhookDeliveriesQuery,
  type SettingsWebhookDeliveryRowFragment,
} from "../../../graphql/generated";
import { refetchOnSuccess } from "../../../lib/graphql";
import { useI18n } from "../../../lib/i18n";
import { useRowMutations } from "../../../lib/mutation-form";
import { RowErrors } from "./SettingsListPanel";
import "../webhook-messages";

/** The newest deliveries shown (the API pages further; the log keeps 30 days). */
const DELIVERIES_SHOWN = 50;

/** One endpoint's delivery log: event, status, each attempt's response code, and Replay. */
export function WebhookDeliveries({ endpointId, url, onClose }: { endpointId: string; url: string; onClose(): void }) {
  const { t, formatDate, formatNumber } = useI18n();
  const log = useSettingsWebhookDeliveriesQuery({
    variables: { endpointId, first: DELIVERIES_SHOWN },
    fetchPolicy: "cache-and-network",
  });
  const [replay] = useSettingsReplayWebhookDeliveryMutation({
    refetchQueries: refetchOnSuccess((d) => d.replayWebhookDelivery, ["SettingsWebhookDeliveries"]),
  });
  const rows = useRowMutations<"replay">();
  const [notice, setNotice] = useState<string | null>(null);
  const deliveries = (log.data ?? log.previousData)?.webhookDeliveries.nodes ?? [];

  async function onReplay(d: SettingsWebhookDeliveryRowFragment) {
    setNotice(null);
    const done = await rows.run(
      d.id,
      "replay",
      async () => (await replay({ variables: { input: { id: d.id } } })).data?.replayWebhookDelivery,
    );
    if (done) setNotice(t("webhooks.replay.done", { event: d.eventId }));
  }

  const code = (c: number | null) => (c === null ? t("webhooks.deliveries.noAnswer") : String(c));

  return (
    <section
      className="webhook-deliveries"
      aria-labelledby="webhook-deliveries-heading"
      data-testid="webhook-deliveries"
    >
      <div className="page-head">
        <h2 id="webhook-deliveries-heading" className="break-all">
          {t("webhooks.deliveries.title", { url })}
        </h2>
        <button type="button" className="secondary" onClick={onClose}>
          {t("webhooks.deliveries.close")}
        </button>
      </div>
      <p role="status" className={notice ? "success" : "sr-only"}>
        {notice ?? ""}
      </p>
      {log.error && !deliveries.length ? (
        <p role="alert" className="form-errors">
          {log.error.message}
        </p>
      ) : !log.loading && deliveries.length === 0 ? (
        <p className="hint">{t("webhooks.deliveries.empty")}</p>
      ) : (
        <table className="settings-table">
          <caption className="sr-only">{t("webhooks.deliveries.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("webhooks.deliveries.col.event")}</th>
              <th scope="col">{t("webhooks.deliveries.col.status")}</th>
              <th scope="col">{t("webhooks.deliveries.col.attempts")}</th>
              <th scope="col">{t("webhooks.deliveries.col.sent")}</th>
              <th scope="col">{t("webhooks.deliveries.col.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => {
              const errors = rows.rowErrors[d.id];
              return (
                <tr key={d.id} data-testid="delivery-row">
                  <td>
                    <code>{d.eventType}</code>
                    <br />
                    <small className="muted">
                      #{d.eventId}
                      {d.replayOf ? ` · ${t("webhooks.deliveries.replayOf")}` : ""}
                    </small>
                  </td>
                  <td>
                    {t(`webhooks.deliveryStatus.${d.status}`)}
                    {d.status === "PENDING" && d.nextAttemptAt && (
                      <>
                        <br />
                        <small className="muted">
                          {t("webhooks.deliveries.next", { date: formatDate(d.nextAttemptAt) })}
                        </small>
                      </>
                    )}
                    {d.error && (
                      <>
                        <br />
                        <small className="muted break-all">{d.error}</small>
                      </>
                    )}
                  </td>
                  <td>
                    <ol className="attempts">
                      {d.attempts.map((a, i) => (
                        <li key={i} title={a.error ?? undefined}>
                          {code(a.responseCode)} <small className="muted">({formatNumber(a.responseTimeMs)} ms)</small>
                        </li>
                      ))}
                    </ol>
                  </td>
                  <td>
                    <time dateTime={d.createdAt}>{formatDate(d.createdAt)}</time>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="secondary"
                      aria-label={t("webhooks.replayLabel", { event: d.eventId })}
                      disabled={rows.pending !== null}
                      aria-busy={rows.pending?.id === d.id || undefined}
                      onClick={() => void onReplay(d)}
                    >
                      {t("webhooks.replay")}
                    </button>
                    <RowErrors errors={errors} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
