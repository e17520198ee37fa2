import { useId } from "react";
import { useTransferWizardCandidatesQuery } from "../../../graphql/generated";
import { PagedList } from "../../../components/PagedList";
import { ReasonList } from "../../../components/Reasons";
import { useI18n } from "../../../lib/i18n";
import { CandidateItem } from "./CandidateItem";
import { CANDIDATE_PAGE, commonBlocking, MAX_TRANSFER_LINES, type Candidate } from "./wizard-data";
import "../messages";

/**
 * The subscriptions step: each CSP subscription of the customer with its TRANSFER decision (for the reseller, when
 * a provider names one). Allowed ones come first, add-ons under their base; up to 25 lines from one source.
 */
export function SubscriptionsStep(props: {
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
      <PagedList
        connection={connection}
        loading={loading}
        error={error}
        onRetry={() => void refetch()}
        emptyText={t("transfers.wizard.subscriptions.empty")}
        after={props.after}
        onPage={props.onPage}
        pagerOnSinglePage={false}
      >
        {(page) => (
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
                total: page.totalCount,
                selected: selected.length,
                max: MAX_TRANSFER_LINES,
              })}
              {asOf && <span className="xfer-sub"> · {t("transfers.wizard.asOf", { date: formatDate(asOf) })}</span>}
            </p>
            <fieldset className="xfer-candidates-fieldset">
              <legend className="sr-only">{t("transfers.wizard.subscriptions.legend")}</legend>
              <ul className="xfer-candidates">
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
          </>
        )}
      </PagedList>
      {nextBlocked && candidates.length > 0 && (
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
          aria-describedby={nextBlocked && candidates.length > 0 ? nextReasonId : undefined}
          onClick={() => props.onNext(selected)}
        >
          {t("transfers.wizard.toReview", { count: selected.length })}
        </button>
      </div>
    </>
  );
}
