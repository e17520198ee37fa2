import { useId } from "react";
import { EligibilityBadge, ReasonList } from "../../../components/Reasons";
import { useI18n } from "../../../lib/i18n";
import type { Candidate } from "./wizard-data";
import "../messages";

/**
 * One subscription the transfer could include: a checkbox (disabled, with every blocking reason as its description,
 * when it cannot move), what it is, and its active add-ons nested below (they move with their base).
 */
export function CandidateItem({
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
