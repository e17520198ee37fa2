import { useEffect, useRef } from "react";
import { Link } from "react-router";
import { useTransferWizardCustomerQuery } from "../../graphql/generated";
import { useI18n } from "../../lib/i18n";
import { useUrlParams, type ParamChanges } from "../../lib/url-params";
import { isProvider, isResellerOnly, useViewer } from "../shell/viewer";
import { transferListUrl, transferWizardParams, type WizardStep } from "./urls";
import { CustomerStep } from "./wizard/CustomerStep";
import { ResellerExplanation } from "./wizard/ResellerExplanation";
import { ResellerName } from "./wizard/ResellerName";
import { ResellerStep } from "./wizard/ResellerStep";
import { ResellerTransferAsk } from "./wizard/ResellerTransferAsk";
import { ReviewStep } from "./wizard/ReviewStep";
import { SubscriptionsStep } from "./wizard/SubscriptionsStep";
import { effectiveStep } from "./wizard/wizard-data";
import "./messages";

/**
 * /transfers/new — the target partner's transfer request: customer → (provider: reseller) → each CSP
 * subscription's eligibility → review and send. Step, customer, reseller and selection live in the URL
 * (transferWizardParams); each step is its own component under wizard/.
 */
export function TransferWizardView() {
  const viewer = useViewer();
  if (!isResellerOnly(viewer)) return <TransferWizard />;
  // R22: an indirect reseller asks its provider instead. A TRANSFER request needs the roles of a transfer
  // (canTransfer, a subset of those that may ask a provider); any other role gets the explanation only.
  return viewer.permissions.canTransfer ? <ResellerTransferAsk /> : <ResellerExplanation />;
}

function TransferWizard() {
  const { t } = useI18n();
  const viewer = useViewer();
  const [url, setUrl] = useUrlParams(transferWizardParams);
  const provider = isProvider(viewer);
  const steps: WizardStep[] = provider
    ? ["customer", "reseller", "subscriptions", "review"]
    : ["customer", "subscriptions", "review"];
  const selectedIds = url.ids;
  const step = effectiveStep(url.step ?? "", steps, {
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

  const go = (next: WizardStep, changes: ParamChanges<typeof transferWizardParams> = {}) =>
    setUrl({ step: next, q: null, ...changes });
  const select = (ids: string[]) => setUrl({ ids }, { keepCursor: true });
  const page = (after: string | null) => setUrl({ after }, { keepCursor: true });
  const stepAfterCustomer: WizardStep = provider ? "reseller" : "subscriptions";

  return (
    <section aria-labelledby="wizard-title" className="xfer-wizard">
      <p className="xfer-back">
        <Link to={transferListUrl()}>← {t("transfers.detail.back")}</Link>
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
        <h2 ref={headingRef} tabIndex={-1} className="xfer-step-title">
          {t("transfers.wizard.stepOf", { n: steps.indexOf(step) + 1, total: steps.length })}{" "}
          {t(`transfers.wizard.step.${step}`)}
        </h2>
        {step === "customer" && (
          <CustomerStep
            search={url.q}
            after={url.after}
            selectedId={url.customerId}
            onSearch={(q) => setUrl({ q })}
            onPage={page}
            // Another customer: its subscriptions are not the chosen ones.
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
            onPage={page}
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
            onSelect={select}
            onPage={page}
            onBack={() => go(provider ? "reseller" : "customer")}
            onNext={(ids) => go("review", { ids })}
          />
        )}
        {step === "review" && (
          <ReviewStep
            customerId={url.customerId}
            customerName={customer?.name ?? ""}
            resellerId={url.resellerId}
            selectedIds={selectedIds}
            roleAllowed={roleAllowed}
            onSelect={select}
            onBack={() => go("subscriptions")}
          />
        )}
      </div>
    </section>
  );
}
