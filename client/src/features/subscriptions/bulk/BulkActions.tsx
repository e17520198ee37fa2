import { useEffect, useId, useRef, useState } from "react";
import { Link } from "react-router";
import {
  useBulkAskProviderMutation,
  useBulkCancelSubscriptionMutation,
  useBulkReactivateSubscriptionMutation,
  useBulkSetAutoRenewMutation,
  useBulkSuspendSubscriptionMutation,
  useSubscriptionsBulkReviewLazyQuery,
} from "../../../graphql/generated";
import { EligibilityBadge, ReasonList } from "../../../components/Reasons";
import { runMutation, REQUEST_FAILED } from "../../../lib/graphql";
import { describeError } from "../../../lib/errors";
import { useI18n } from "../../../lib/i18n";
import type { UserErrorLike } from "../../../lib/user-errors";
import { subscriptionUrl } from "../urls";
import {
  BULK_ACTIONS,
  BULK_CONCURRENCY,
  reviewLines,
  runBounded,
  type BulkAction,
  type ReviewLine,
} from "./bulk-actions";
import "./bulk-messages";

export interface SelectedRow {
  id: string;
  offerName: string;
  customerName: string;
}

type Outcome =
  | { status: "done" }
  | { status: "refused"; errors: readonly UserErrorLike[] }
  | { status: "failed"; message: string }
  | { status: "skipped" };

type Step =
  | { kind: "choose" }
  | { kind: "reviewing" }
  | { kind: "review"; lines: ReviewLine[] }
  | { kind: "sending"; lines: ReviewLine[]; settled: number; total: number }
  | { kind: "done"; lines: ReviewLine[]; outcomes: Outcome[] };

/**
 * Bulk actions on the selected subscriptions: choose an action, review each row's own decision (one request for
 * every row; refused rows are shown with their reasons and skipped), and only on confirmation send one mutation per
 * row, a few at a time, then show each row's result: done, refused with reasons, or failed.
 */
export function BulkActions({
  selected,
  actions,
  viewerPartnerId,
  onClear,
  onFinished,
}: {
  selected: readonly SelectedRow[];
  /** What the user is offered (bulkActionsFor(viewer.permissions)); never empty here. */
  actions: readonly BulkAction[];
  viewerPartnerId: string;
  onClear(): void;
  /** After a run: the list refetches (statuses and decisions changed). */
  onFinished(): void;
}) {
  const { t } = useI18n();
  const [action, setAction] = useState<BulkAction>(actions[0]!);
  const [step, setStep] = useState<Step>({ kind: "choose" });
  const [reviewError, setReviewError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const selectId = useId();
  const [review] = useSubscriptionsBulkReviewLazyQuery({ fetchPolicy: "network-only" });
  const [suspend] = useBulkSuspendSubscriptionMutation();
  const [reactivate] = useBulkReactivateSubscriptionMutation();
  const [cancel] = useBulkCancelSubscriptionMutation();
  const [setAutoRenew] = useBulkSetAutoRenewMutation();
  const [askProvider] = useBulkAskProviderMutation({ refetchQueries: ["ShellOpenRequests"] });

  // The review and the results take the focus: a keyboard user lands on what changed.
  useEffect(() => {
    if (step.kind === "review" || step.kind === "done") headingRef.current?.focus();
  }, [step.kind]);

  const spec = BULK_ACTIONS[action];
  const actionLabel = t(`bulk.action.${action}`);
  const busy = step.kind === "reviewing" || step.kind === "sending";

  async function startReview() {
    setReviewError(null);
    setStep({ kind: "reviewing" });
    try {
      const result = await review({
        variables: {
          ids: selected.map((r) => r.id),
          first: selected.length,
          action: spec.eligibility,
          autoRenew: spec.autoRenew,
          asking: spec.ask !== null,
        },
      });
      if (result.error) throw result.error;
      const nodes = result.data?.subscriptions.nodes ?? [];
      setStep({ kind: "review", lines: reviewLines(action, selected, nodes, viewerPartnerId) });
    } catch (error) {
      setReviewError(describeError(error, t).message);
      setStep({ kind: "choose" });
    }
  }

  /** One row's mutation: the version the review saw, so that a row that changed since is refused, not overwritten. */
  async function sendOne(line: ReviewLine): Promise<Outcome> {
    const s = line.subject!;
    const base = { subscriptionId: s.id, expectedVersion: s.version };
    const outcome = await runMutation<{ userErrors: readonly UserErrorLike[] }>(async () => {
      switch (action) {
        case "SUSPEND":
          return (await suspend({ variables: { input: base } })).data?.suspendSubscription;
        case "REACTIVATE":
          return (await reactivate({ variables: { input: base } })).data?.reactivateSubscription;
        case "CANCEL":
          return (await cancel({ variables: { input: base } })).data?.cancelSubscription;
        case "AUTO_RENEW_OFF":
        case "AUTO_RENEW_ON":
          return (await setAutoRenew({ variables: { input: { ...base, autoRenew: spec.autoRenew! } } })).data
            ?.setSubscriptionAutoRenew;
        default: {
          const input = {
            action: spec.ask!,
            providerId: line.provider!.id,
            customerId: s.customer.id,
            subscriptionId: s.id,
            ...(spec.ask === "SET_AUTO_RENEW" ? { autoRenew: spec.autoRenew } : {}),
          };
          return (await askProvider({ variables: { input } })).data?.requestProviderAction;
        }
      }
    });
    if (outcome.done) return { status: "done" };
    const failed = outcome.errors.find((e) => e.code === REQUEST_FAILED);
    return failed ? { status: "failed", message: failed.message } : { status: "refused", errors: outcome.errors };
  }

  async function send(lines: ReviewLine[]) {
    const going = lines.filter((l) => l.go);
    setStep({ kind: "sending", lines, settled: 0, total: going.length });
    let settled = 0;
    const results = await runBounded(going, BULK_CONCURRENCY, sendOne, () => {
      settled += 1;
      setStep({ kind: "sending", lines, settled, total: going.length });
    });
    const byId = new Map(going.map((l, i) => [l.id, results[i]!]));
    const outcomes = lines.map((l): Outcome => {
      const r = byId.get(l.id);
      if (!r) return { status: "skipped" };
      return r instanceof Error ? { status: "failed", message: describeError(r, t).message } : r;
    });
    setStep({ kind: "done", lines, outcomes });
  }

  function finish() {
    setStep({ kind: "choose" });
    onClear();
    onFinished();
  }

  return (
    <section className="bulk" aria-label={t("bulk.label")}>
      <div className="bulk-bar">
        <p className="bulk-count" role="status">
          {t("bulk.selected", { count: selected.length })}
        </p>
        {(step.kind === "choose" || step.kind === "reviewing") && (
          <>
            <label htmlFor={selectId} className="bulk-label">
              {t("bulk.action.label")}
            </label>
            <select
              id={selectId}
              value={action}
              disabled={busy}
              onChange={(e) => setAction(e.target.value as BulkAction)}
            >
              {actions.map((a) => (
                <option key={a} value={a}>
                  {t(`bulk.action.${a}`)}
                </option>
              ))}
            </select>
            <button type="button" disabled={busy} onClick={() => void startReview()}>
              {step.kind === "reviewing" ? t("bulk.reviewing") : t("bulk.review")}
            </button>
            <button type="button" className="secondary" disabled={busy} onClick={onClear}>
              {t("bulk.clear")}
            </button>
          </>
        )}
      </div>
      {reviewError && (
        <p className="form-errors" role="alert">
          {reviewError}
        </p>
      )}

      {step.kind === "review" && (
        <ReviewPanel
          headingRef={headingRef}
          asking={spec.ask !== null}
          title={t("bulk.review.title", { action: actionLabel })}
          lines={step.lines}
          onSend={() => void send(step.lines)}
          onBack={() => setStep({ kind: "choose" })}
        />
      )}

      {step.kind === "sending" && (
        <p className="bulk-progress" role="status">
          {t("bulk.sending", { done: step.settled, total: step.total })}
        </p>
      )}

      {step.kind === "done" && (
        <ResultsPanel
          headingRef={headingRef}
          title={t("bulk.results.title", { action: actionLabel })}
          lines={step.lines}
          outcomes={step.outcomes}
          onClose={finish}
        />
      )}
    </section>
  );
}

function LineName({ line }: { line: ReviewLine }) {
  return (
    <span className="bulk-line-name">
      <Link to={subscriptionUrl(line.id)}>{line.offerName}</Link> · {line.customerName}
    </span>
  );
}

function ReviewPanel({
  headingRef,
  asking,
  title,
  lines,
  onSend,
  onBack,
}: {
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  /** Asking the provider: the decisions shown are each billing provider's, and the panel says so. */
  asking: boolean;
  title: string;
  lines: ReviewLine[];
  onSend(): void;
  onBack(): void;
}) {
  const { t } = useI18n();
  const going = lines.filter((l) => l.go).length;
  return (
    <div className="bulk-panel">
      <h2 ref={headingRef} tabIndex={-1}>
        {title}
      </h2>
      <p>
        {t("bulk.review.going", { count: going })}{" "}
        {lines.length > going && t("bulk.review.skipped", { count: lines.length - going })}{" "}
        {t("bulk.review.nothingYet")}
      </p>
      {asking && <p className="hint">{t("bulk.review.providerDecision")}</p>}
      <ul className="bulk-lines">
        {lines.map((line) => (
          <li key={line.id} className={line.go ? "bulk-line bulk-go" : "bulk-line bulk-refused"} data-row={line.id}>
            <LineName line={line} />{" "}
            {line.go ? (
              <span className="badge badge-ok">
                {line.provider ? t("bulk.line.willAsk", { provider: line.provider.name }) : t("bulk.line.willSend")}
              </span>
            ) : line.provider && !line.local ? (
              <span className="badge badge-no">{t("bulk.line.providerRefused", { provider: line.provider.name })}</span>
            ) : (
              <span className="badge badge-no">{t("bulk.line.refused")}</span>
            )}
            {line.local && (
              <p className="bulk-local">{t(`bulk.local.${line.local}`, { provider: line.provider?.name ?? "" })}</p>
            )}
            {!line.local && !line.go && <EligibilityBadge decision={line.decision} />}
            <ReasonList decision={line.decision} />
          </li>
        ))}
      </ul>
      <p className="bulk-actions">
        <button type="button" disabled={going === 0} onClick={onSend}>
          {t("bulk.send", { count: going })}
        </button>
        <button type="button" className="secondary" onClick={onBack}>
          {t("bulk.back")}
        </button>
      </p>
    </div>
  );
}

function ResultsPanel({
  headingRef,
  title,
  lines,
  outcomes,
  onClose,
}: {
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  title: string;
  lines: ReviewLine[];
  outcomes: Outcome[];
  onClose(): void;
}) {
  const { t } = useI18n();
  const count = (status: Outcome["status"]) => outcomes.filter((o) => o.status === status).length;
  return (
    <div className="bulk-panel">
      <h2 ref={headingRef} tabIndex={-1}>
        {title}
      </h2>
      <p role="status">
        {t("bulk.results.summary", {
          done: count("done"),
          refused: count("refused") + count("skipped"),
          failed: count("failed"),
        })}
      </p>
      <ul className="bulk-lines">
        {lines.map((line, i) => {
          const o = outcomes[i]!;
          return (
            <li key={line.id} className={`bulk-line bulk-result-${o.status}`} data-row={line.id}>
              <LineName line={line} />{" "}
              <span
                className={`badge ${o.status === "done" ? "badge-ok" : o.status === "failed" ? "badge-warn" : "badge-no"}`}
              >
                {line.provider && o.status === "done"
                  ? t("bulk.result.asked", { provider: line.provider.name })
                  : t(`bulk.result.${o.status}`)}
              </span>
              {o.status === "skipped" &&
                (line.local ? (
                  <p className="bulk-local">{t(`bulk.local.${line.local}`, { provider: line.provider?.name ?? "" })}</p>
                ) : (
                  <ReasonList decision={line.decision} />
                ))}
              {o.status === "refused" && (
                <ul className="reasons">
                  {o.errors.map((e, j) => (
                    <li key={j} className="reason reason-blocking" data-code={e.code ?? undefined}>
                      {e.message}
                      {e.ruleId && <small className="reason-meta"> ({t("common.rule", { id: e.ruleId })})</small>}
                    </li>
                  ))}
                </ul>
              )}
              {o.status === "failed" && <p className="bulk-local">{o.message}</p>}
            </li>
          );
        })}
      </ul>
      <p className="bulk-actions">
        <button type="button" onClick={onClose}>
          {t("bulk.close")}
        </button>
      </p>
    </div>
  );
}
