import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { DataState } from "../../components/DataState";
import { FormErrors, FormField } from "../../components/FormField";
import { Pager } from "../../components/Pager";
import { EligibilityBadge, ReasonList, type ReasonView } from "../../components/Reasons";
import {
  useTransferWizardCandidatesQuery,
  useTransferWizardCreateMutation,
  useTransferWizardCustomerQuery,
  useTransferWizardCustomersQuery,
  useTransferWizardProvidersQuery,
  useTransferWizardResellerQuery,
  useTransferWizardResellersQuery,
  useTransferWizardSubscriptionQuery,
  type ComplianceFlag,
  type TransferWizardCandidatesQuery,
  type TransferWizardResellersQuery,
} from "../../graphql/generated";
import { useI18n } from "../../lib/i18n";
import { useUrlState } from "../../lib/url-state";
import { errorsByField, type UserErrorLike } from "../../lib/user-errors";
import { isProvider, isResellerOnly, useViewer } from "../shell/viewer";
import { evictTransferDependents } from "./transfer-ui";
import "./messages";

/** Partner Center accepts at most 25 lines (base subscriptions) per transfer. */
export const MAX_TRANSFER_LINES = 25;
const CANDIDATE_PAGE = 100;
const LIST_PAGE = 20;

type StepId = "customer" | "reseller" | "subscriptions" | "review";
type Candidate = TransferWizardCandidatesQuery["transferEligibility"]["nodes"][number];
type ResellerRow = TransferWizardResellersQuery["resellers"]["nodes"][number];

const URL_KEYS = ["step", "customerId", "resellerId", "ids", "q", "after"] as const;

/** The rule behind each compliance flag (RULES.md R24–R26). */
const FLAG_RULE: Record<ComplianceFlag, string> = { MPA_NOT_SIGNED: "R24", OTHER_REGION: "R25", NOT_ACTIVE: "R26" };

/**
 * /transfers/new — the target partner's transfer request: customer → (provider: reseller) → each CSP
 * subscription's eligibility → review and send. Step, customer, reseller and selection live in the URL.
 */
export function TransferWizardView() {
  const viewer = useViewer();
  return isResellerOnly(viewer) ? <ResellerExplanation /> : <TransferWizard />;
}

/** R22: an indirect reseller does not request transfers; its provider does, naming it. */
function ResellerExplanation() {
  const { t } = useI18n();
  const viewer = useViewer();
  const { data, loading } = useTransferWizardProvidersQuery();
  const names = data?.providers.nodes.map((p) => p.provider.name) ?? [];
  return (
    <section aria-labelledby="wizard-title">
      <h1 id="wizard-title">{t("transfers.wizard.title")}</h1>
      <div className="notice xfer-reseller-note" role="note">
        <p>
          <strong>{t("transfers.reseller.heading", { partner: viewer.partner.name })}</strong>
        </p>
        <p>{t("transfers.reseller.body")}</p>
        {!loading && (
          <p>
            {names.length
              ? t("transfers.reseller.providers", { names: names.join(", ") })
              : t("transfers.reseller.noProvider")}
          </p>
        )}
        <p>
          <Link to="/transfers">{t("transfers.reseller.seeTransfers")}</Link>
        </p>
      </div>
    </section>
  );
}

function TransferWizard() {
  const { t } = useI18n();
  const viewer = useViewer();
  const [url, setUrl] = useUrlState(URL_KEYS);
  const provider = isProvider(viewer);
  const steps: StepId[] = provider
    ? ["customer", "reseller", "subscriptions", "review"]
    : ["customer", "subscriptions", "review"];
  const selectedIds = url.ids ? url.ids.split(",").filter(Boolean) : [];
  const step = effectiveStep(url.step, steps, {
    customer: Boolean(url.customerId),
    reseller: !provider || Boolean(url.resellerId),
    lines: selectedIds.length > 0,
  });
  const roleAllowed = viewer.permissions.canTransfer;

  const customerQuery = useTransferWizardCustomerQuery({
    variables: { id: url.customerId },
    skip: !url.customerId,
  });
  const customerNode = customerQuery.data?.node;
  const customer = customerNode?.__typename === "Customer" ? customerNode : null;

  // Move focus to the new step's heading when the step changes (not on first render).
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [step]);

  const go = (next: StepId, changes: Partial<Record<(typeof URL_KEYS)[number], string | null>> = {}) =>
    setUrl({ step: next, q: null, ...changes });
  const stepAfterCustomer: StepId = provider ? "reseller" : "subscriptions";
  const heading = (
    <h2 ref={headingRef} tabIndex={-1} className="xfer-step-title">
      {t("transfers.wizard.stepOf", { n: steps.indexOf(step) + 1, total: steps.length })}{" "}
      {t(`transfers.wizard.step.${step}`)}
    </h2>
  );

  return (
    <section aria-labelledby="wizard-title" className="xfer-wizard">
      <p className="xfer-back">
        <Link to="/transfers">← {t("transfers.detail.back")}</Link>
      </p>
      <h1 id="wizard-title">{t("transfers.wizard.title")}</h1>
      <p className="hint">{t("transfers.wizard.intro")}</p>
      <ol className="steps" aria-label={t("transfers.wizard.steps")}>
        {steps.map((s, i) => (
          <li key={s} aria-current={s === step ? "step" : undefined}>
            {i + 1}. {t(`transfers.wizard.step.${s}`)}
          </li>
        ))}
      </ol>
      {!roleAllowed && (
        <p className="notice" role="note">
          {t("transfers.action.role", { role: t(`role.${viewer.user.role}`) })}
        </p>
      )}

      {step !== "customer" && (
        <dl className="xfer-choices">
          <div>
            <dt>{t("transfers.field.customer")}</dt>
            <dd>
              {customer
                ? customer.name
                : customerQuery.loading
                  ? t("common.loading")
                  : t("transfers.wizard.noCustomer")}
              <button type="button" className="xfer-link-button" onClick={() => go("customer")}>
                {t("transfers.wizard.change")}
                <span className="sr-only"> {t("transfers.field.customer")}</span>
              </button>
            </dd>
          </div>
          {provider && step !== "reseller" && (
            <div>
              <dt>{t("transfers.field.reseller")}</dt>
              <dd>
                <ResellerName resellerId={url.resellerId} />
                <button type="button" className="xfer-link-button" onClick={() => go("reseller")}>
                  {t("transfers.wizard.change")}
                  <span className="sr-only"> {t("transfers.field.reseller")}</span>
                </button>
              </dd>
            </div>
          )}
        </dl>
      )}

      <div className="panel">
        {heading}
        {step === "customer" && (
          <CustomerStep
            search={url.q}
            after={url.after}
            selectedId={url.customerId}
            onSearch={(q) => setUrl({ q })}
            onPage={(after) => setUrl({ after }, { keepCursor: true })}
            onPick={(id) =>
              go(stepAfterCustomer, id === url.customerId ? { customerId: id } : { customerId: id, ids: null })
            }
          />
        )}
        {step === "reseller" && (
          <ResellerStep
            search={url.q}
            after={url.after}
            selectedId={url.resellerId}
            customerName={customer?.name ?? ""}
            customerPartnerIds={
              new Set((customer?.relationships ?? []).filter((r) => r.status === "ACTIVE").map((r) => r.partner.id))
            }
            onSearch={(q) => setUrl({ q })}
            onPage={(after) => setUrl({ after }, { keepCursor: true })}
            onBack={() => go("customer")}
            onPick={(id) =>
              go("subscriptions", id === url.resellerId ? { resellerId: id } : { resellerId: id, ids: null })
            }
          />
        )}
        {step === "subscriptions" && (
          <SubscriptionsStep
            customerId={url.customerId}
            resellerId={url.resellerId}
            after={url.after}
            selectedIds={selectedIds}
            onSelect={(ids) => setUrl({ ids: ids.join(",") }, { keepCursor: true })}
            onPage={(after) => setUrl({ after }, { keepCursor: true })}
            onBack={() => go(provider ? "reseller" : "customer")}
            onNext={(ids) => go("review", { ids: ids.join(",") })}
          />
        )}
        {step === "review" && (
          <ReviewStep
            customerId={url.customerId}
            customerName={customer?.name ?? ""}
            resellerId={url.resellerId}
            selectedIds={selectedIds}
            roleAllowed={roleAllowed}
            onSelect={(ids) => setUrl({ ids: ids.join(",") }, { keepCursor: true })}
            onBack={() => go("subscriptions")}
          />
        )}
      </div>
    </section>
  );
}

/** The step the URL asks for or, when its inputs are missing, the latest step before it that has them. */
export function effectiveStep(
  requested: string,
  steps: readonly StepId[],
  have: { customer: boolean; reseller: boolean; lines: boolean },
): StepId {
  const ready: Record<StepId, boolean> = {
    customer: true,
    reseller: have.customer,
    subscriptions: have.customer && have.reseller,
    review: have.customer && have.reseller && have.lines,
  };
  const asked = steps.find((s) => s === requested);
  // No step in the URL (e.g. ?customerId= from the customer page): the first step still to do.
  if (!asked) return [...steps].reverse().find((s) => s !== "review" && ready[s]) ?? "customer";
  let i = steps.indexOf(asked);
  while (i > 0 && !ready[steps[i]!]) i--;
  return steps[i]!;
}

function ResellerName({ resellerId }: { resellerId: string }) {
  const { t } = useI18n();
  const name = useResellerName(resellerId);
  return <>{name ?? (resellerId ? t("transfers.wizard.resellerChosen") : "—")}</>;
}

function useResellerName(resellerId: string): string | null {
  const { data } = useTransferWizardResellerQuery({ variables: { id: resellerId }, skip: !resellerId });
  return data?.node?.__typename === "Partner" ? data.node.name : null;
}

function SearchForm({ label, initial, onSearch }: { label: string; initial: string; onSearch(q: string): void }) {
  const { t } = useI18n();
  const [value, setValue] = useState(initial);
  function submit(e: FormEvent) {
    e.preventDefault();
    onSearch(value.trim());
  }
  return (
    <form role="search" className="filters" onSubmit={submit}>
      <FormField label={label}>
        <input type="search" value={value} onChange={(e) => setValue(e.target.value)} />
      </FormField>
      <button type="submit" className="secondary">
        {t("transfers.wizard.search")}
      </button>
    </form>
  );
}

function CustomerStep(props: {
  search: string;
  after: string;
  selectedId: string;
  onSearch(q: string): void;
  onPage(after: string | null): void;
  onPick(id: string): void;
}) {
  const { t } = useI18n();
  const { data, previousData, loading, error, refetch } = useTransferWizardCustomersQuery({
    variables: { search: props.search || undefined, first: LIST_PAGE, after: props.after || undefined },
  });
  const connection = (data ?? previousData)?.customers;
  return (
    <>
      <p className="hint">{t("transfers.wizard.customer.hint")}</p>
      <SearchForm label={t("transfers.wizard.customer.search")} initial={props.search} onSearch={props.onSearch} />
      <DataState
        loading={loading && !connection}
        error={connection ? null : error}
        empty={connection?.nodes.length === 0}
        emptyText={t("transfers.wizard.customer.empty")}
        onRetry={() => void refetch()}
      >
        {connection && (
          <>
            <ul className="xfer-pick-list" aria-busy={loading || undefined}>
              {connection.nodes.map((c) => (
                <li key={c.id} className={c.id === props.selectedId ? "xfer-picked" : undefined}>
                  <div>
                    <strong>{c.name}</strong>
                    <div className="xfer-sub">
                      {c.domain} · {c.country}
                    </div>
                  </div>
                  <button
                    type="button"
                    className={c.id === props.selectedId ? undefined : "secondary"}
                    aria-label={t("transfers.wizard.choose", { name: c.name })}
                    onClick={() => props.onPick(c.id)}
                  >
                    {c.id === props.selectedId ? t("transfers.wizard.chosen") : t("transfers.wizard.chooseShort")}
                  </button>
                </li>
              ))}
            </ul>
            <Pager
              totalCount={connection.totalCount}
              hasNextPage={connection.pageInfo.hasNextPage}
              endCursor={connection.pageInfo.endCursor}
              after={props.after}
              onPage={props.onPage}
            />
          </>
        )}
      </DataState>
    </>
  );
}

function ResellerStep(props: {
  search: string;
  after: string;
  selectedId: string;
  customerName: string;
  customerPartnerIds: Set<string>;
  onSearch(q: string): void;
  onPage(after: string | null): void;
  onBack(): void;
  onPick(id: string): void;
}) {
  const { t } = useI18n();
  const { data, previousData, loading, error, refetch } = useTransferWizardResellersQuery({
    variables: { search: props.search || undefined, first: LIST_PAGE, after: props.after || undefined },
  });
  const connection = (data ?? previousData)?.resellers;
  return (
    <>
      <p className="hint">{t("transfers.wizard.reseller.hint")}</p>
      <SearchForm label={t("transfers.wizard.reseller.search")} initial={props.search} onSearch={props.onSearch} />
      <DataState
        loading={loading && !connection}
        error={connection ? null : error}
        empty={connection?.nodes.length === 0}
        emptyText={t("transfers.wizard.reseller.empty")}
        onRetry={() => void refetch()}
      >
        {connection && (
          <>
            <ul className="xfer-pick-list" aria-busy={loading || undefined}>
              {[...connection.nodes]
                .sort(
                  (a, b) =>
                    Number(props.customerPartnerIds.has(b.reseller.id)) -
                    Number(props.customerPartnerIds.has(a.reseller.id)),
                )
                .map((row) => (
                  <ResellerItem
                    key={row.id}
                    row={row}
                    selected={row.reseller.id === props.selectedId}
                    knowsCustomer={props.customerPartnerIds.has(row.reseller.id)}
                    customerName={props.customerName}
                    onPick={() => props.onPick(row.reseller.id)}
                  />
                ))}
            </ul>
            <Pager
              totalCount={connection.totalCount}
              hasNextPage={connection.pageInfo.hasNextPage}
              endCursor={connection.pageInfo.endCursor}
              after={props.after}
              onPage={props.onPage}
            />
          </>
        )}
      </DataState>
      <div className="form-actions">
        <button type="button" className="secondary" onClick={props.onBack}>
          {t("transfers.wizard.back")}
        </button>
      </div>
    </>
  );
}

function ResellerItem({
  row,
  selected,
  knowsCustomer,
  customerName,
  onPick,
}: {
  row: ResellerRow;
  selected: boolean;
  knowsCustomer: boolean;
  customerName: string;
  onPick(): void;
}) {
  const { t } = useI18n();
  const flagsId = useId();
  const flagged = row.complianceFlags.length > 0;
  return (
    <li className={selected ? "xfer-picked" : undefined}>
      <div>
        <strong>{row.reseller.name}</strong>
        <div className="xfer-sub">
          {t("transfers.partnerId", { id: row.reseller.partnerId })} · {row.reseller.country} ·{" "}
          {t("transfers.wizard.reseller.counts", {
            customers: row.counts.customers,
            subscriptions: row.counts.subscriptions,
          })}
        </div>
        <div className="xfer-flags">
          {knowsCustomer && customerName && (
            <span className="badge badge-ok">{t("transfers.wizard.reseller.knows", { name: customerName })}</span>
          )}
          {flagged ? (
            <span id={flagsId}>
              {row.complianceFlags.map((f) => (
                <span key={f} className="badge badge-no">
                  {t(`transfers.flag.${f}`)} ({FLAG_RULE[f]})
                </span>
              ))}
              <span className="xfer-sub"> {t("transfers.wizard.reseller.flagged")}</span>
            </span>
          ) : (
            <span className="badge badge-neutral">{t("transfers.wizard.reseller.compliant")}</span>
          )}
        </div>
      </div>
      <button
        type="button"
        className={selected ? undefined : "secondary"}
        disabled={flagged}
        aria-describedby={flagged ? flagsId : undefined}
        aria-label={t("transfers.wizard.choose", { name: row.reseller.name })}
        onClick={onPick}
      >
        {selected ? t("transfers.wizard.chosen") : t("transfers.wizard.chooseShort")}
      </button>
    </li>
  );
}

/** Blocking reasons that every candidate shares (the actor's or the reseller's, not a subscription's). */
function commonBlocking(candidates: readonly Candidate[]): ReasonView[] {
  const [first, ...rest] = candidates;
  if (!first || candidates.length < 2) return [];
  return first.decision.blocking.filter((r) =>
    rest.every((c) => c.decision.blocking.some((b) => b.ruleId === r.ruleId)),
  );
}

function SubscriptionsStep(props: {
  customerId: string;
  resellerId: string;
  after: string;
  selectedIds: string[];
  onSelect(ids: string[]): void;
  onPage(after: string | null): void;
  onBack(): void;
  onNext(ids: string[]): void;
}) {
  const { t, formatDate } = useI18n();
  const nextReasonId = useId();
  const { data, previousData, loading, error, refetch } = useTransferWizardCandidatesQuery({
    variables: {
      customerId: props.customerId,
      resellerId: props.resellerId || undefined,
      first: CANDIDATE_PAGE,
      after: props.after || undefined,
    },
  });
  const connection = (data ?? previousData)?.transferEligibility;
  const candidates = connection?.nodes ?? [];
  const byId = new Map(candidates.map((c) => [c.subscription.id, c]));
  // A selection from the URL that is now known to be ineligible does not count.
  const selected = props.selectedIds.filter((id) => byId.get(id)?.decision.eligible !== false);
  const addOnsOf = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const parent = c.subscription.parentSubscription?.id;
    if (parent && byId.has(parent)) addOnsOf.set(parent, [...(addOnsOf.get(parent) ?? []), c]);
  }
  // Allowed ones first (each group keeps the server's soonest-term-end order); add-ons sit under their base.
  const topLevel = candidates
    .filter((c) => {
      const parent = c.subscription.parentSubscription?.id;
      return !parent || !byId.has(parent);
    })
    .sort((a, b) => Number(b.decision.eligible) - Number(a.decision.eligible));
  const shared = commonBlocking(candidates);
  const sources = new Set(
    selected.map((id) => byId.get(id)?.subscription.transactingPartner?.id).filter((s): s is string => Boolean(s)),
  );
  const eligibleCount = candidates.filter((c) => c.decision.eligible).length;
  const nextBlocked =
    selected.length === 0
      ? t("transfers.wizard.next.none")
      : sources.size > 1
        ? t("transfers.wizard.next.sources")
        : null;

  function toggle(id: string, on: boolean) {
    props.onSelect(on ? [...selected, id] : selected.filter((s) => s !== id));
  }

  const asOf = candidates[0]?.decision.asOf;
  return (
    <>
      <p className="hint">{t("transfers.wizard.subscriptions.hint")}</p>
      <DataState
        loading={loading && !connection}
        error={connection ? null : error}
        empty={connection?.nodes.length === 0}
        emptyText={t("transfers.wizard.subscriptions.empty")}
        onRetry={() => void refetch()}
      >
        {connection && (
          <>
            {shared.length > 0 && (
              <div className="xfer-shared" role="note">
                <p>
                  <strong>{t("transfers.wizard.subscriptions.shared")}</strong>
                </p>
                <ReasonList decision={{ eligible: false, blocking: shared, advisories: [] }} />
              </div>
            )}
            <p className="xfer-summary" aria-live="polite">
              {t("transfers.wizard.subscriptions.summary", {
                eligible: eligibleCount,
                total: connection.totalCount,
                selected: selected.length,
                max: MAX_TRANSFER_LINES,
              })}
              {asOf && <span className="xfer-sub"> · {t("transfers.wizard.asOf", { date: formatDate(asOf) })}</span>}
            </p>
            <fieldset className="xfer-candidates-fieldset">
              <legend className="sr-only">{t("transfers.wizard.subscriptions.legend")}</legend>
              <ul className="xfer-candidates" aria-busy={loading || undefined}>
                {topLevel.map((c) => (
                  <CandidateItem
                    key={c.subscription.id}
                    candidate={c}
                    addOns={addOnsOf.get(c.subscription.id) ?? []}
                    selected={selected}
                    full={selected.length >= MAX_TRANSFER_LINES}
                    onToggle={toggle}
                  />
                ))}
              </ul>
            </fieldset>
            {connection.pageInfo.hasNextPage || props.after ? (
              <Pager
                totalCount={connection.totalCount}
                hasNextPage={connection.pageInfo.hasNextPage}
                endCursor={connection.pageInfo.endCursor}
                after={props.after}
                onPage={props.onPage}
              />
            ) : null}
          </>
        )}
      </DataState>
      {nextBlocked && connection && connection.nodes.length > 0 && (
        <p id={nextReasonId} className="xfer-disabled-reason">
          {nextBlocked}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="secondary" onClick={props.onBack}>
          {t("transfers.wizard.back")}
        </button>
        <button
          type="button"
          disabled={Boolean(nextBlocked)}
          aria-describedby={nextBlocked ? nextReasonId : undefined}
          onClick={() => props.onNext(selected)}
        >
          {t("transfers.wizard.toReview", { count: selected.length })}
        </button>
      </div>
    </>
  );
}

function CandidateItem({
  candidate,
  addOns,
  selected,
  full,
  onToggle,
  isAddOn = false,
}: {
  candidate: Candidate;
  addOns: Candidate[];
  selected: string[];
  full: boolean;
  onToggle(id: string, on: boolean): void;
  isAddOn?: boolean;
}) {
  const { t, formatDate } = useI18n();
  const reasonsId = useId();
  const checkboxId = useId();
  const s = candidate.subscription;
  const d = candidate.decision;
  const checked = d.eligible && selected.includes(s.id);
  const disabled = !d.eligible || (full && !checked);
  const activeAddOns = addOns.filter((a) => a.subscription.status === "ACTIVE");
  const hasReasons = d.blocking.length + d.advisories.length > 0;
  return (
    <li
      className={`xfer-candidate${d.eligible ? "" : " xfer-candidate-blocked"}${isAddOn ? " xfer-candidate-addon" : ""}`}
      data-testid={`candidate-${s.id}`}
    >
      <div className="xfer-candidate-head">
        <input
          id={checkboxId}
          type="checkbox"
          checked={checked}
          disabled={disabled}
          aria-describedby={hasReasons || isAddOn ? reasonsId : undefined}
          onChange={(e) => onToggle(s.id, e.target.checked)}
        />
        <label htmlFor={checkboxId}>
          {isAddOn && <span aria-hidden="true">↳ </span>}
          <strong>{s.offerName}</strong>
        </label>
        <EligibilityBadge decision={d} />
      </div>
      <div className="xfer-sub xfer-candidate-meta">
        {t("transfers.wizard.candidate.meta", {
          quantity: s.quantity,
          status: t(`transfers.subStatus.${s.status}`),
          kind: t(`transfers.offerKind.${s.offerKind}`),
          model: t(`transfers.commerce.${s.commerceModel}`),
          end: formatDate(s.commitmentEndDate),
        })}
        {s.transactingPartner && ` · ${t("transfers.wizard.candidate.from", { name: s.transactingPartner.name })}`}
        {s.resellerOfRecord && ` · ${t("transfers.forReseller", { name: s.resellerOfRecord.name })}`}
      </div>
      <div id={reasonsId}>
        {s.parentSubscription && (
          <p className="xfer-addon-note">{t("transfers.wizard.addonNote", { name: s.parentSubscription.offerName })}</p>
        )}
        <ReasonList decision={d} />
      </div>
      {!isAddOn && activeAddOns.length > 0 && d.eligible && (
        <p className="xfer-addon-note">
          {t("transfers.wizard.addonsCome", { names: activeAddOns.map((a) => a.subscription.offerName).join(", ") })}
        </p>
      )}
      {addOns.length > 0 && (
        <ul className="xfer-candidates xfer-addons">
          {addOns.map((a) => (
            <CandidateItem
              key={a.subscription.id}
              candidate={a}
              addOns={[]}
              selected={selected}
              full={full}
              onToggle={onToggle}
              isAddOn
            />
          ))}
        </ul>
      )}
    </li>
  );
}

function ReviewStep(props: {
  customerId: string;
  customerName: string;
  resellerId: string;
  selectedIds: string[];
  roleAllowed: boolean;
  onSelect(ids: string[]): void;
  onBack(): void;
}) {
  const { t, formatDate } = useI18n();
  const viewer = useViewer();
  const navigate = useNavigate();
  const reasonId = useId();
  const [userErrors, setUserErrors] = useState<UserErrorLike[]>([]);
  const [sentIds, setSentIds] = useState<string[]>([]);
  const { data, loading, error, refetch } = useTransferWizardCandidatesQuery({
    variables: { customerId: props.customerId, resellerId: props.resellerId || undefined, first: CANDIDATE_PAGE },
  });
  const [create, createState] = useTransferWizardCreateMutation({ update: evictTransferDependents });
  const candidates = data?.transferEligibility.nodes ?? [];
  const byId = new Map(candidates.map((c) => [c.subscription.id, c]));
  const resellerName = useResellerName(props.resellerId);

  // Line errors come back as ["input","subscriptionIds","<i>"]: index i of the ids as sent.
  const grouped = errorsByField(userErrors);
  const lineErrors = new Map<string, UserErrorLike[]>();
  const general: UserErrorLike[] = [];
  for (const [key, errs] of Object.entries(grouped)) {
    const m = /^subscriptionIds\.(\d+)$/.exec(key);
    const id = m ? sentIds[Number(m[1])] : undefined;
    if (id && props.selectedIds.includes(id)) lineErrors.set(id, [...(lineErrors.get(id) ?? []), ...errs]);
    else if (key !== "customerId" && key !== "resellerId") general.push(...errs);
  }

  const sources = [
    ...new Set(
      props.selectedIds
        .map((id) => byId.get(id)?.subscription.transactingPartner?.name)
        .filter((n): n is string => Boolean(n)),
    ),
  ];
  const disabledReason = !props.roleAllowed
    ? t("transfers.action.role", { role: t(`role.${viewer.user.role}`) })
    : props.selectedIds.length > MAX_TRANSFER_LINES
      ? t("transfers.wizard.tooMany", { max: MAX_TRANSFER_LINES })
      : null;
  // The server's "today" (the decision date), not the browser's clock: a request expires 30 days after it.
  const asOf = candidates[0]?.decision.asOf;
  const expires = asOf ? new Date(Date.parse(`${asOf}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10) : null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (disabledReason || createState.loading) return;
    const ids = [...props.selectedIds];
    setSentIds(ids);
    setUserErrors([]);
    try {
      const result = await create({
        variables: {
          input: { customerId: props.customerId, resellerId: props.resellerId || undefined, subscriptionIds: ids },
        },
      });
      const payload = result.data?.createTransfer;
      if (payload?.transfer && payload.userErrors.length === 0) {
        navigate(`/transfers/${encodeURIComponent(payload.transfer.id)}`, { replace: true });
      } else {
        setUserErrors(payload?.userErrors ?? []);
      }
    } catch (err) {
      setUserErrors([
        { field: null, code: "NETWORK", ruleId: null, message: err instanceof Error ? err.message : String(err) },
      ]);
    }
  }

  return (
    <DataState loading={loading && !data} error={data ? null : error} onRetry={() => void refetch()}>
      <form onSubmit={submit} noValidate>
        <FormErrors errors={general} />
        <div className="xfer-review-grid">
          <FormField label={t("transfers.field.customer")} errors={grouped.customerId}>
            <output>{props.customerName || "—"}</output>
          </FormField>
          {props.resellerId && (
            <FormField label={t("transfers.field.reseller")} errors={grouped.resellerId}>
              <output>{resellerName ?? t("transfers.wizard.resellerChosen")}</output>
            </FormField>
          )}
          {!props.resellerId && grouped.resellerId && <FormErrors errors={grouped.resellerId} />}
          <FormField label={t("transfers.field.source")}>
            <output>{sources.length ? sources.join(", ") : "—"}</output>
          </FormField>
          <FormField label={t("transfers.field.target")}>
            <output>{viewer.partner.name}</output>
          </FormField>
        </div>
        <fieldset className="xfer-review-lines">
          <legend>{t("transfers.wizard.review.lines", { count: props.selectedIds.length })}</legend>
          <p className="hint">{t("transfers.wizard.review.linesHint")}</p>
          <ul className="xfer-candidates">
            {props.selectedIds.map((id) => (
              <ReviewLine
                key={id}
                id={id}
                candidate={byId.get(id)}
                addOns={candidates.filter(
                  (c) => c.subscription.parentSubscription?.id === id && c.subscription.status === "ACTIVE",
                )}
                errors={lineErrors.get(id)}
                onRemove={() => props.onSelect(props.selectedIds.filter((s) => s !== id))}
              />
            ))}
          </ul>
        </fieldset>
        <p className="notice">
          {t(resellerName ? "transfers.wizard.review.nextReseller" : "transfers.wizard.review.next", {
            source: sources.join(", ") || "—",
            date: expires ? formatDate(expires) : "—",
            reseller: resellerName ?? "",
          })}
        </p>
        {disabledReason && (
          <p id={reasonId} className="xfer-disabled-reason">
            {disabledReason}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="secondary" onClick={props.onBack} disabled={createState.loading}>
            {t("transfers.wizard.back")}
          </button>
          <button
            type="submit"
            disabled={Boolean(disabledReason) || createState.loading}
            aria-describedby={disabledReason ? reasonId : undefined}
            aria-busy={createState.loading || undefined}
          >
            {createState.loading ? t("transfers.wizard.sending") : t("transfers.wizard.send")}
          </button>
        </div>
      </form>
    </DataState>
  );
}

/** One line of the request: kept (checked) or removed, with the server's errors about it beside it. */
function ReviewLine({
  id,
  candidate,
  addOns,
  errors,
  onRemove,
}: {
  id: string;
  candidate: Candidate | undefined;
  addOns: Candidate[];
  errors: UserErrorLike[] | undefined;
  onRemove(): void;
}) {
  const { t } = useI18n();
  // A line chosen on a later page of candidates is not in the first page: load it by id.
  const { data } = useTransferWizardSubscriptionQuery({ variables: { id }, skip: Boolean(candidate) });
  const node = data?.node?.__typename === "CustomerSubscription" ? data.node : null;
  const sub = candidate?.subscription ?? node;
  const name = sub?.offerName ?? id;
  return (
    <li className={`xfer-candidate xfer-review-line${errors?.length ? " xfer-candidate-blocked" : ""}`}>
      <FormField
        label={name}
        errors={errors}
        hint={
          sub
            ? [
                t("transfers.wizard.review.lineMeta", { quantity: sub.quantity, offerId: sub.offerId }),
                addOns.length
                  ? t("transfers.wizard.addonsCome", { names: addOns.map((a) => a.subscription.offerName).join(", ") })
                  : "",
              ]
                .filter(Boolean)
                .join(" · ")
            : undefined
        }
      >
        <input type="checkbox" checked onChange={onRemove} />
      </FormField>
    </li>
  );
}
