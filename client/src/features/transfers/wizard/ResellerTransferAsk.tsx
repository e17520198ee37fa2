import { useId, useState } from "react";
import { Link } from "react-router";
import {
  useTransferAskOpenRequestsQuery,
  useTransferAskProviderMutation,
  useTransferWizardCandidatesQuery,
  useTransferWizardCustomerQuery,
  useTransferWizardProvidersQuery,
  type TransferAskOpenRequestsQuery,
} from "../../../graphql/generated";
import { ConfirmButton } from "../../../components/ConfirmButton";
import { DataState } from "../../../components/DataState";
import { EligibilityBadge, ReasonList, type DecisionView } from "../../../components/Reasons";
import { describeError } from "../../../lib/errors";
import { useI18n } from "../../../lib/i18n";
import { useUrlParams } from "../../../lib/url-params";
import { customerUrl } from "../../customers/urls";
import { requestListUrl } from "../../requests/urls";
import { useViewer } from "../../shell/viewer";
import { transferListUrl, transferWizardParams } from "../urls";
import { CustomerStep } from "./CustomerStep";
import { CANDIDATE_PAGE, MAX_TRANSFER_LINES, type Candidate } from "./wizard-data";
import "../ask-messages";
import "../messages";

type OpenRequest = TransferAskOpenRequestsQuery["providerRequests"]["nodes"][number];

/** What happened to one subscription's request: sent (with the provider's own decision) or refused, with why. */
export interface AskResult {
  subscriptionId: string;
  offerName: string;
  sent: boolean;
  /** The provider's eligibility to take it over naming this reseller, when sent. */
  decision: DecisionView | null;
  messages: string[];
}

/** Longest note requestProviderAction accepts. */
const NOTE_MAX = 1000;

/**
 * /transfers/new for an indirect reseller. It cannot create transfers (R22), but it can ask an indirect provider
 * to file one naming it: pick a customer, tick the subscriptions to take over, confirm, and one TRANSFER request
 * per subscription goes to the provider (requestProviderAction). A subscription already asked for is flagged with
 * its open request instead of being offered again.
 * Partner Center: the provider requests the transfer for its indirect reseller
 * (https://learn.microsoft.com/en-us/partner-center/customers/transfer-subscriptions).
 */
export function ResellerTransferAsk() {
  const { t } = useI18n();
  const viewer = useViewer();
  const [url, setUrl] = useUrlParams(transferWizardParams);
  const providersQ = useTransferWizardProvidersQuery();
  const providers = providersQ.data?.providers.nodes.map((p) => p.provider) ?? [];
  const customerQ = useTransferWizardCustomerQuery({ variables: { id: url.customerId }, skip: !url.customerId });
  const node = customerQ.data?.node;
  const customer = node?.__typename === "Customer" ? node : null;

  return (
    <section aria-labelledby="wizard-title" className="xfer-wizard">
      <p className="xfer-back">
        <Link to={transferListUrl()}>← {t("transfers.detail.back")}</Link>
      </p>
      <h1 id="wizard-title">{t("transfers.ask.title")}</h1>
      <p className="hint">{t("transfers.ask.intro", { partner: viewer.partner.name })}</p>
      {providersQ.loading ? (
        <p>{t("common.loading")}</p>
      ) : providers.length === 0 ? (
        <p className="notice" role="note">
          {t("transfers.reseller.noProvider")}
        </p>
      ) : !url.customerId ? (
        <div className="panel">
          <h2 className="xfer-step-title">{t("transfers.ask.pickCustomer")}</h2>
          <CustomerStep
            search={url.q}
            after={url.after}
            selectedId={url.customerId}
            onSearch={(q) => setUrl({ q })}
            onPage={(after) => setUrl({ after }, { keepCursor: true })}
            onPick={(id) => setUrl({ customerId: id, ids: null, q: null })}
          />
        </div>
      ) : (
        <div className="panel">
          <h2 className="xfer-step-title">
            {t("transfers.ask.subscriptionsOf", { customer: customer?.name ?? t("common.loading") })}
          </h2>
          <p>
            <button
              type="button"
              className="xfer-link-button"
              onClick={() => setUrl({ customerId: null, ids: null, after: null })}
            >
              {t("transfers.ask.otherCustomer")}
            </button>
          </p>
          <AskSubscriptions
            customerId={url.customerId}
            customerName={customer?.name ?? ""}
            providers={providers}
            selectedIds={url.ids}
            onSelect={(ids) => setUrl({ ids }, { keepCursor: true })}
          />
        </div>
      )}
    </section>
  );
}

/**
 * Why a subscription cannot be asked for now: already credited to this reseller, an add-on (it moves with its
 * base, R17), or an open TRANSFER request for it (the duplicate is flagged with that request). Null: it can.
 */
function notAskable(
  c: Candidate,
  resellerId: string,
  open: OpenRequest | undefined,
): "yours" | "addon" | "open" | null {
  if (open) return "open";
  if (c.subscription.resellerOfRecord?.id === resellerId) return "yours";
  if (c.subscription.parentSubscription) return "addon";
  return null;
}

function AskSubscriptions(props: {
  customerId: string;
  customerName: string;
  providers: { id: string; name: string }[];
  selectedIds: string[];
  onSelect(ids: string[]): void;
}) {
  const { t, formatDate } = useI18n();
  const viewer = useViewer();
  const noteId = useId();
  const [providerId, setProviderId] = useState(props.providers[0]!.id);
  const [note, setNote] = useState("");
  const [pending, setPending] = useState(false);
  const [results, setResults] = useState<AskResult[] | null>(null);
  const candidatesQ = useTransferWizardCandidatesQuery({
    variables: { customerId: props.customerId, first: CANDIDATE_PAGE },
  });
  const openQ = useTransferAskOpenRequestsQuery({
    variables: { customerId: props.customerId },
    fetchPolicy: "cache-and-network",
  });
  const [ask] = useTransferAskProviderMutation();

  const provider = props.providers.find((p) => p.id === providerId) ?? props.providers[0]!;
  // Only this provider's open TRANSFER requests make a duplicate: another provider may still be asked.
  const openFor = new Map(
    (openQ.data?.providerRequests.nodes ?? [])
      .filter((r) => r.action === "TRANSFER" && r.provider.id === provider.id && r.subscription)
      .map((r) => [r.subscription!.id, r]),
  );
  const candidates = candidatesQ.data?.transferEligibility.nodes ?? [];
  const askable = new Set(
    candidates
      .filter((c) => !notAskable(c, viewer.partner.id, openFor.get(c.subscription.id)))
      .map((c) => c.subscription.id),
  );
  const selected = props.selectedIds.filter((id) => askable.has(id));
  // Nothing to take over in what is already sold through the reseller: counted, not listed. What can be asked
  // for comes first (each group in the server's soonest-term-end order).
  const whyOf = (c: Candidate) => notAskable(c, viewer.partner.id, openFor.get(c.subscription.id));
  const listed = candidates
    .filter((c) => whyOf(c) !== "yours")
    .sort((a, b) => Number(whyOf(a) !== null) - Number(whyOf(b) !== null));
  const yours = candidates.length - listed.length;
  const noteTooLong = note.length > NOTE_MAX;

  function toggle(id: string, on: boolean) {
    props.onSelect(on ? [...selected, id] : selected.filter((s) => s !== id));
  }

  async function send() {
    setPending(true);
    const byId = new Map(candidates.map((c) => [c.subscription.id, c]));
    const out: AskResult[] = [];
    // One request per subscription, one after another: each gets its own answer (sent, or refused with why).
    for (const id of selected) {
      const offerName = byId.get(id)?.subscription.offerName ?? id;
      try {
        const { data } = await ask({
          variables: {
            input: {
              action: "TRANSFER",
              providerId: provider.id,
              customerId: props.customerId,
              subscriptionId: id,
              note: note.trim() || null,
            },
          },
        });
        const payload = data?.requestProviderAction;
        const errors = payload?.userErrors ?? [];
        out.push({
          subscriptionId: id,
          offerName,
          sent: Boolean(payload?.providerRequest) && errors.length === 0,
          decision: payload?.providerDecision ?? null,
          messages: errors.map((e) => e.message),
        });
      } catch (error) {
        out.push({
          subscriptionId: id,
          offerName,
          sent: false,
          decision: null,
          messages: [describeError(error, t).message],
        });
      }
    }
    setResults(out);
    setPending(false);
    props.onSelect(out.filter((r) => !r.sent).map((r) => r.subscriptionId));
    await openQ.refetch();
  }

  return (
    <DataState
      loading={candidatesQ.loading}
      error={candidatesQ.error}
      hasData={Boolean(candidatesQ.data)}
      empty={candidates.length === 0}
      emptyText={t("transfers.ask.none")}
      onRetry={() => void candidatesQ.refetch()}
    >
      {candidates.length > 0 && (
        <>
          <p className="hint">{t("transfers.ask.hint", { provider: provider.name })}</p>
          {props.providers.length > 1 && (
            <p className="field">
              <label>
                {t("transfers.ask.provider")}{" "}
                <select value={provider.id} onChange={(e) => setProviderId(e.target.value)}>
                  {props.providers.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </label>
            </p>
          )}
          <fieldset className="xfer-candidates-fieldset">
            <legend>{t("transfers.ask.legend")}</legend>
            {yours > 0 && <p className="xfer-sub">{t("transfers.ask.yoursHidden", { count: yours })}</p>}
            <ul className="xfer-candidates" data-testid="ask-candidates">
              {listed.map((c) => {
                const s = c.subscription;
                const open = openFor.get(s.id);
                const why = whyOf(c);
                const checked = selected.includes(s.id);
                return (
                  <li
                    key={s.id}
                    data-testid="ask-candidate"
                    data-subscription={s.id}
                    className={`xfer-candidate${why ? " xfer-candidate-blocked" : ""}`}
                  >
                    <label className="xfer-candidate-head">
                      <input
                        type="checkbox"
                        checked={checked}
                        disabled={why !== null || pending || (!checked && selected.length >= MAX_TRANSFER_LINES)}
                        onChange={(e) => toggle(s.id, e.target.checked)}
                      />{" "}
                      <strong>{s.offerName}</strong>
                    </label>
                    <div className="xfer-sub">
                      {t("transfers.ask.billedBy", { partner: s.transactingPartner?.name ?? "—" })} ·{" "}
                      {t("transfers.ask.seats", { count: s.quantity })}
                    </div>
                    {why === "open" && open && (
                      <p className="notice" role="note">
                        {t("transfers.ask.alreadyOpen", {
                          provider: open.provider.name,
                          date: formatDate(open.createdAt),
                        })}{" "}
                        <Link to={requestListUrl({ direction: "SENT", status: "OPEN" })}>
                          {t("transfers.ask.seeOpen")}
                        </Link>
                      </p>
                    )}
                    {why === "addon" && (
                      <p className="xfer-sub">
                        {t("transfers.ask.addon", { base: s.parentSubscription?.offerName ?? "" })}
                      </p>
                    )}
                  </li>
                );
              })}
            </ul>
          </fieldset>
          <p className="field">
            <label htmlFor={noteId}>{t("transfers.ask.note")}</label>
            <textarea
              id={noteId}
              value={note}
              maxLength={NOTE_MAX}
              aria-invalid={noteTooLong || undefined}
              onChange={(e) => setNote(e.target.value)}
            />
          </p>
          <ConfirmButton
            label={t("transfers.ask.send")}
            question={t("transfers.ask.confirm", {
              provider: provider.name,
              what: t("transfers.ask.subscriptions", { count: selected.length }),
              customer: props.customerName,
            })}
            confirmLabel={t("transfers.ask.confirmYes")}
            pendingLabel={t("transfers.ask.sending")}
            pending={pending}
            disabledReason={selected.length === 0 ? t("transfers.ask.pickOne") : null}
            onConfirm={() => void send()}
          />
          {results && <AskResults results={results} providerName={provider.name} customerId={props.customerId} />}
        </>
      )}
    </DataState>
  );
}

/** Each subscription's outcome: sent (and whether the provider will be able to do it today), or refused and why. */
function AskResults({
  results,
  providerName,
  customerId,
}: {
  results: AskResult[];
  providerName: string;
  customerId: string;
}) {
  const { t } = useI18n();
  return (
    <div role="status" className="xfer-ask-results">
      <ul>
        {results.map((r) => (
          <li key={r.subscriptionId} data-testid="ask-result" data-sent={r.sent}>
            {r.sent ? (
              <>
                {t("transfers.ask.sent", { provider: providerName, offer: r.offerName })}
                {r.decision && (
                  <>
                    {" "}
                    <EligibilityBadge decision={r.decision} />
                    {!r.decision.eligible && <ReasonList decision={r.decision} />}
                  </>
                )}
              </>
            ) : (
              <>
                {t("transfers.ask.failed", { offer: r.offerName })} {r.messages.join(" ")}
              </>
            )}
          </li>
        ))}
      </ul>
      <p>
        <Link to={requestListUrl({ direction: "SENT", status: "OPEN" })}>{t("transfers.ask.seeOpen")}</Link> ·{" "}
        <Link to={customerUrl(customerId)}>{t("transfers.ask.toCustomer")}</Link>
      </p>
    </div>
  );
}
