import { useId, useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import {
  useTransferWizardCandidatesQuery,
  useTransferWizardCreateMutation,
  useTransferWizardSubscriptionQuery,
} from "../../../graphql/generated";
import { DataState } from "../../../components/DataState";
import { FormErrors, FormField } from "../../../components/FormField";
import { useI18n } from "../../../lib/i18n";
import { useMutationForm } from "../../../lib/mutation-form";
import { errorsByField, type UserErrorLike } from "../../../lib/user-errors";
import { useViewer } from "../../shell/viewer";
import { evictTransferDependents } from "../transfer-ui";
import { transferUrl } from "../urls";
import { useResellerName } from "./ResellerName";
import { CANDIDATE_PAGE, MAX_TRANSFER_LINES, type Candidate } from "./wizard-data";
import "../messages";

/**
 * The last step: who, from whom, to whom, the lines (each can still be removed) and when the request expires;
 * sends createTransfer. The server's errors about a line (`input.subscriptionIds.<i>`) show beside that line.
 */
export function ReviewStep(props: {
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
  const form = useMutationForm();
  const [sentIds, setSentIds] = useState<string[]>([]);
  const { data, loading, error, refetch } = useTransferWizardCandidatesQuery({
    variables: { customerId: props.customerId, resellerId: props.resellerId || undefined, first: CANDIDATE_PAGE },
  });
  const [create] = useTransferWizardCreateMutation({ update: evictTransferDependents });
  const candidates = data?.transferEligibility.nodes ?? [];
  const byId = new Map(candidates.map((c) => [c.subscription.id, c]));
  const resellerName = useResellerName(props.resellerId);

  // Line errors come back as ["input","subscriptionIds","<i>"]: index i of the ids as sent.
  const grouped = errorsByField(form.errors);
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
    if (disabledReason || form.pending) return;
    const ids = [...props.selectedIds];
    setSentIds(ids);
    const input = { customerId: props.customerId, resellerId: props.resellerId || undefined, subscriptionIds: ids };
    const payload = await form.submit(async () => (await create({ variables: { input } })).data?.createTransfer);
    if (payload?.transfer) navigate(transferUrl(payload.transfer.id), { replace: true });
  }

  return (
    <DataState loading={loading && !data} error={data ? null : error} onRetry={() => void refetch()}>
      <form id={form.id} onSubmit={(e) => void submit(e)} noValidate>
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
          <button type="button" className="secondary" onClick={props.onBack} disabled={form.pending}>
            {t("transfers.wizard.back")}
          </button>
          <button
            type="submit"
            disabled={Boolean(disabledReason) || form.pending}
            aria-describedby={disabledReason ? reasonId : undefined}
            aria-busy={form.pending || undefined}
          >
            {form.pending ? t("transfers.wizard.sending") : t("transfers.wizard.send")}
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
