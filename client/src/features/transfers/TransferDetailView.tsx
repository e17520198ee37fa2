import { useEffect, useId, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { DataState } from "../../components/DataState";
import { FormErrors } from "../../components/FormField";
import {
  useTransferAcceptMutation,
  useTransferDetailQuery,
  useTransferRejectMutation,
  useTransferWithdrawMutation,
  type TransferDetailFieldsFragment,
} from "../../graphql/generated";
import { useI18n } from "../../lib/i18n";
import { runMutation } from "../../lib/graphql";
import type { UserErrorLike } from "../../lib/user-errors";
import { customerUrl } from "../customers/urls";
import { useViewer } from "../shell/viewer";
import { evictTransferDependents, ExpiryCountdown, TransferStatusBadge } from "./transfer-ui";
import { transferListUrl } from "./urls";
import "./messages";
import { ResellerLink } from "../network/components/ResellerLink";

type Transfer = TransferDetailFieldsFragment;
type Action = "accept" | "reject" | "withdraw";

/** /transfers/:transferId — one transfer, its lines, its expiry countdown and the actions of the viewer's side. */
export function TransferDetailView() {
  const { t } = useI18n();
  const { transferId = "" } = useParams();
  const { data, loading, error, refetch } = useTransferDetailQuery({
    variables: { id: transferId },
    fetchPolicy: "cache-and-network",
  });
  const node = data?.node;
  const transfer = node?.__typename === "Transfer" ? node : null;

  return (
    <section aria-labelledby="transfer-title">
      <p className="xfer-back">
        <Link to={transferListUrl()}>← {t("transfers.detail.back")}</Link>
      </p>
      <DataState
        loading={loading && !data}
        error={data ? null : error}
        empty={Boolean(data) && !transfer}
        emptyText={t("transfers.detail.notFound")}
        onRetry={() => void refetch()}
      >
        {transfer && <TransferDetail transfer={transfer} />}
      </DataState>
    </section>
  );
}

function TransferDetail({ transfer }: { transfer: Transfer }) {
  const { t, formatDate } = useI18n();
  const viewer = useViewer();
  const you = (id: string) => (id === viewer.partner.id ? ` (${t("transfers.you")})` : "");
  const lineById = new Map(transfer.subscriptions.map((s) => [s.id, s]));

  return (
    <>
      <div className="xfer-head">
        <h1 id="transfer-title">
          {t("transfers.detail.title", { customer: transfer.customer?.name ?? t("transfers.customer.unknown") })}
        </h1>
        <TransferStatusBadge status={transfer.status} />
        <span className={`xfer-dir xfer-dir-${transfer.direction.toLowerCase()}`}>
          {t(`transfers.direction.${transfer.direction}`)}
        </span>
      </div>

      <div className="xfer-detail-grid">
        <div className="panel">
          <h2>{t("transfers.detail.parties")}</h2>
          <dl className="xfer-dl">
            <dt>{t("transfers.field.customer")}</dt>
            <dd>
              {transfer.customer ? (
                <>
                  <Link to={customerUrl(transfer.customer.id)}>{transfer.customer.name}</Link>
                  <div className="xfer-sub">
                    {transfer.customer.domain} · {transfer.customer.country}
                  </div>
                </>
              ) : (
                t("transfers.customer.unknown")
              )}
            </dd>
            <dt>{t("transfers.field.source")}</dt>
            <dd>
              {transfer.sourcePartner.name}
              {you(transfer.sourcePartner.id)}
              <div className="xfer-sub">{t("transfers.partnerId", { id: transfer.sourcePartner.partnerId })}</div>
            </dd>
            <dt>{t("transfers.field.target")}</dt>
            <dd>
              {transfer.targetPartner.name}
              {you(transfer.targetPartner.id)}
              <div className="xfer-sub">{t("transfers.partnerId", { id: transfer.targetPartner.partnerId })}</div>
            </dd>
            <dt>{t("transfers.field.reseller")}</dt>
            <dd>
              {transfer.reseller ? (
                <>
                  <ResellerLink reseller={transfer.reseller} />
                  {you(transfer.reseller.id)}
                  <div className="xfer-sub">{t("transfers.partnerId", { id: transfer.reseller.partnerId })}</div>
                </>
              ) : (
                t("transfers.field.reseller.none")
              )}
            </dd>
          </dl>
        </div>

        <div className="panel">
          <h2>{t("transfers.detail.timeline")}</h2>
          {transfer.status === "PENDING" && (
            <p className="xfer-countdown-box">
              <ExpiryCountdown daysLeft={transfer.daysLeft} large />
              <span className="xfer-sub">
                {t("transfers.detail.lastDay", { date: formatDate(transfer.expiresOn) })}
              </span>
            </p>
          )}
          {transfer.status === "EXPIRED" && (
            <p className="notice">{t("transfers.detail.expired", { date: formatDate(transfer.expiresOn) })}</p>
          )}
          <dl className="xfer-dl">
            <dt>{t("transfers.field.status")}</dt>
            <dd>
              <TransferStatusBadge status={transfer.status} />
            </dd>
            <dt>{t("transfers.field.created")}</dt>
            <dd>{formatDate(transfer.createdAt)}</dd>
            {(transfer.status === "PENDING" || transfer.status === "EXPIRED") && (
              <>
                <dt>{t("transfers.field.expiresOn")}</dt>
                <dd>{formatDate(transfer.expiresOn)}</dd>
              </>
            )}
            {transfer.respondedAt && (
              <>
                <dt>{t("transfers.field.respondedAt")}</dt>
                <dd>{formatDate(transfer.respondedAt)}</dd>
              </>
            )}
          </dl>
        </div>
      </div>

      <TransferActions transfer={transfer} />

      <h2 id="lines-title">{t("transfers.detail.lines", { count: transfer.subscriptions.length })}</h2>
      <DataState loading={false} empty={transfer.subscriptions.length === 0} emptyText={t("transfers.detail.noLines")}>
        <div className="table-wrap">
          <table aria-labelledby="lines-title">
            <thead>
              <tr>
                <th scope="col">{t("transfers.col.offer")}</th>
                <th scope="col">{t("transfers.col.quantity")}</th>
                <th scope="col">{t("transfers.col.subStatus")}</th>
                <th scope="col" className="hide-narrow">
                  {t("transfers.col.termEnd")}
                </th>
                <th scope="col" className="hide-narrow">
                  {t("transfers.col.billedBy")}
                </th>
              </tr>
            </thead>
            <tbody>
              {transfer.subscriptions.map((s) => {
                const base = s.parentSubscription ? lineById.get(s.parentSubscription.id) : undefined;
                return (
                  <tr key={s.id}>
                    <td>
                      {s.parentSubscription && <span aria-hidden="true">↳ </span>}
                      {s.offerName}
                      <div className="xfer-sub">
                        <code>{s.offerId}</code>
                        {s.parentSubscription &&
                          ` · ${base ? t("transfers.addonOf", { name: base.offerName }) : t("transfers.addon")}`}
                      </div>
                    </td>
                    <td>{s.quantity}</td>
                    <td>{t(`transfers.subStatus.${s.status}`)}</td>
                    <td className="hide-narrow">{formatDate(s.commitmentEndDate)}</td>
                    <td className="hide-narrow">{s.transactingPartner?.name ?? "—"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </DataState>
    </>
  );
}

/** Accept / Reject for the source partner, Withdraw for the target: confirmed, with pending state and errors. */
function TransferActions({ transfer }: { transfer: Transfer }) {
  const { t, locale } = useI18n();
  const viewer = useViewer();
  const reasonId = useId();
  const confirmTitleId = useId();
  const [confirming, setConfirming] = useState<Action | null>(null);
  const [errors, setErrors] = useState<readonly UserErrorLike[]>([]);
  const [done, setDone] = useState<Action | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const openerRefs = useRef<Partial<Record<Action, HTMLButtonElement | null>>>({});

  const mutationOptions = { refetchQueries: ["TransferDetail"], update: evictTransferDependents };
  const [accept, acceptState] = useTransferAcceptMutation(mutationOptions);
  const [reject, rejectState] = useTransferRejectMutation(mutationOptions);
  const [withdraw, withdrawState] = useTransferWithdrawMutation(mutationOptions);
  const pending = acceptState.loading || rejectState.loading || withdrawState.loading;

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const isSource = transfer.sourcePartner.id === viewer.partner.id;
  const isTarget = transfer.targetPartner.id === viewer.partner.id;
  const actions: Action[] = isSource ? ["accept", "reject"] : isTarget ? ["withdraw"] : [];

  const roleAllowed = viewer.permissions.canTransfer;
  const pendingNow = transfer.status === "PENDING";
  const statusText = t(`transfers.status.${transfer.status}`).toLocaleLowerCase(locale);
  const disabledReason = !pendingNow
    ? t("transfers.action.notPending", { status: statusText })
    : !roleAllowed
      ? t("transfers.action.role", { role: t(`role.${viewer.user.role}`) })
      : null;

  function close() {
    const opener = confirming ? openerRefs.current[confirming] : null;
    setConfirming(null);
    opener?.focus();
  }

  async function run(action: Action) {
    setErrors([]);
    setDone(null);
    const variables = { input: { transferId: transfer.id } };
    const outcome = await runMutation(async () =>
      action === "accept"
        ? (await accept({ variables })).data?.acceptTransfer
        : action === "reject"
          ? (await reject({ variables })).data?.rejectTransfer
          : (await withdraw({ variables })).data?.withdrawTransfer,
    );
    setErrors(outcome.errors);
    if (outcome.done) setDone(action);
    setConfirming(null);
    // The confirm button is gone: put focus on the outcome so keyboard and screen-reader users land on it.
    resultRef.current?.focus();
  }

  const count = transfer.subscriptions.length;
  const counterpart = {
    target: transfer.targetPartner.name,
    source: transfer.sourcePartner.name,
    reseller: transfer.reseller?.name ?? "",
    subs: t("transfers.lines", { count }),
    status: statusText,
  };
  const isReseller = transfer.reseller?.id === viewer.partner.id;
  const intro = isSource
    ? t(pendingNow ? "transfers.actions.asSource" : "transfers.actions.asSourceDone", counterpart)
    : isTarget
      ? t(pendingNow ? "transfers.actions.asTarget" : "transfers.actions.asTargetDone", counterpart)
      : [
          isReseller ? t("transfers.actions.asReseller", counterpart) : "",
          t(pendingNow ? "transfers.actions.notParty" : "transfers.actions.closed", counterpart),
        ]
          .filter(Boolean)
          .join(" ");

  return (
    <section className="panel xfer-actions" aria-labelledby="transfer-actions-title">
      <h2 id="transfer-actions-title">{t("transfers.actions.title")}</h2>
      <p className="hint">{intro}</p>
      {actions.length > 0 && (
        <>
          <div ref={resultRef} tabIndex={-1} className="xfer-result">
            <FormErrors errors={errors} />
            {done && (
              <p role="status" className="success">
                {t(`transfers.done.${done}`, counterpart)}
              </p>
            )}
          </div>
          {disabledReason && (
            <p id={reasonId} className="xfer-disabled-reason">
              {disabledReason}
            </p>
          )}
          <div className="form-actions">
            {actions.map((action) => (
              <button
                key={action}
                type="button"
                ref={(el) => {
                  openerRefs.current[action] = el;
                }}
                className={action === "accept" ? undefined : action === "reject" ? "danger" : "secondary"}
                disabled={Boolean(disabledReason) || pending}
                aria-describedby={disabledReason ? reasonId : undefined}
                aria-expanded={confirming === action}
                onClick={() => {
                  setErrors([]);
                  setDone(null);
                  setConfirming(action);
                }}
              >
                {t(`transfers.action.${action}`)}
              </button>
            ))}
          </div>
          {confirming && (
            <div
              className="xfer-confirm"
              role="group"
              aria-labelledby={confirmTitleId}
              onKeyDown={(e) => {
                if (e.key === "Escape" && !pending) close();
              }}
            >
              <p id={confirmTitleId}>
                <strong>{t(`transfers.confirm.${confirming}.title`)}</strong>{" "}
                {t(
                  confirming === "accept" && transfer.reseller
                    ? "transfers.confirm.accept.bodyReseller"
                    : `transfers.confirm.${confirming}.body`,
                  counterpart,
                )}
              </p>
              <div className="form-actions">
                <button
                  ref={confirmRef}
                  type="button"
                  className={confirming === "reject" ? "danger" : undefined}
                  disabled={pending}
                  aria-busy={pending || undefined}
                  onClick={() => void run(confirming)}
                >
                  {pending ? t(`transfers.pending.${confirming}`) : t(`transfers.confirm.${confirming}.yes`)}
                </button>
                <button type="button" className="secondary" disabled={pending} onClick={close}>
                  {t("common.cancel")}
                </button>
              </div>
            </div>
          )}
        </>
      )}
    </section>
  );
}
