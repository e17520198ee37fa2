import { useState } from "react";
import { Link, useParams } from "react-router";
import { useI18n } from "../../lib/i18n";
import { DataState } from "../../components/DataState";
import { isBadInput } from "../../lib/errors";
import { useCustomerPageQuery } from "../../graphql/generated";
import { isResellerOnly, useViewer } from "../shell/viewer";
import { transferWizardUrl } from "../transfers/urls";
import { CustomerHeader } from "./components/CustomerHeader";
import { RelationshipsSection } from "./sections/RelationshipsSection";
import { SubscriptionsSection } from "./sections/SubscriptionsSection";
import { customerListUrl } from "./urls";
import "./messages";
import "./customers.css";

/**
 * /customers/:customerId — the customer, its relationships and its subscriptions from every channel. The state
 * that a link can set (panels, order prefill, filters, page, the request being handled) is in the URL
 * (customerPageParams in urls.ts).
 */
export function CustomerView() {
  const { t } = useI18n();
  const { customerId = "" } = useParams();
  const viewer = useViewer();
  const roleReadOnly = t("customers.readOnly", { role: t(`role.${viewer.user.role}`) });
  // Relationships and other channels' subscriptions: canManageCustomers. Orders and subscription changes (and a
  // reseller's requests for them): canOrder.
  const readOnlyReason = viewer.permissions.canManageCustomers ? null : roleReadOnly;
  const orderReadOnlyReason = viewer.permissions.canOrder ? null : roleReadOnly;
  const page = useCustomerPageQuery({ variables: { id: customerId } });
  const [removed, setRemoved] = useState(false);

  const node = page.data?.node;
  const customer = node?.__typename === "Customer" ? node : null;
  const backLink = (
    <p>
      <Link to={customerListUrl()}>{t("customers.back")}</Link>
    </p>
  );

  // A malformed or foreign id (BAD_USER_INPUT) is a customer that is not there, with its main heading.
  if (!page.loading && (!page.error || isBadInput(page.error)) && !customer) {
    return (
      <section aria-labelledby="customer-heading" className="cust">
        {backLink}
        <h1 id="customer-heading">{removed ? t("customers.rel.remove") : t("customers.notFound.title")}</h1>
        <p className={removed ? "success" : undefined} role={removed ? "status" : undefined}>
          {removed ? t("customers.rel.removedGone") : t("customers.notFound.text")}
        </p>
      </section>
    );
  }

  return (
    <section aria-labelledby="customer-heading" className="cust">
      {backLink}
      {/* While loading or after a failure the page still has its main heading (the header brings it otherwise). */}
      {!customer && <h1 id="customer-heading">{t("customers.col.name")}</h1>}
      <DataState
        loading={page.loading && !customer}
        error={customer ? null : page.error}
        onRetry={() => void page.refetch()}
      >
        {customer && (
          <>
            <CustomerHeader customer={customer} />
            {!isResellerOnly(viewer) && (
              <p>
                <Link to={transferWizardUrl({ customerId: customer.id })}>{t("customers.transfer.start")}</Link>{" "}
                <small className="muted">{t("customers.transfer.hint")}</small>
              </p>
            )}
            {readOnlyReason && <p className="notice">{readOnlyReason}</p>}
            <RelationshipsSection
              customer={customer}
              removal={page.data?.removal ?? null}
              removed={removed}
              onRemovedChange={setRemoved}
              readOnlyReason={readOnlyReason}
            />
            <SubscriptionsSection
              customer={customer}
              readOnlyReason={readOnlyReason}
              orderReadOnlyReason={orderReadOnlyReason}
            />
          </>
        )}
      </DataState>
    </section>
  );
}
