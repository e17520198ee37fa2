import { useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { useI18n } from "../../lib/i18n";
import { DataState } from "../../components/DataState";
import { isBadInput } from "../../lib/errors";
import { useCustomerPageQuery } from "../../graphql/generated";
import { CustomerActivity } from "../activity/CustomerActivity";
import { isResellerOnly, useViewer } from "../shell/viewer";
import { transferWizardUrl } from "../transfers/urls";
import { CustomerHeader } from "./components/CustomerHeader";
import { SyncedIndicator } from "../../components/SyncedIndicator";
import { AgreementRecord } from "./sections/AgreementRecord";
import { RelationshipsSection } from "./sections/RelationshipsSection";
import { SubscriptionsSection, useSubscriptionsSectionQueries } from "./sections/SubscriptionsSection";
import { customerListUrl } from "./urls";
import "./messages";
import "./page-messages";
import "./customers.css";

/**
 * /customers/:customerId — the customer page for daily work: the facts (with "Record acceptance" of the Microsoft
 * Customer Agreement when it is missing), the subscriptions grouped by channel with an actions menu per row, the
 * relationships with "Manage relationship" below them, and the customer's activity (the audit log). What the
 * viewer's role or partner type can never do is not offered (viewer.permissions); the state that a link can set
 * (panels, order prefill, filters, page, the request being handled) is in the URL (customerPageParams in urls.ts).
 */
export function CustomerView() {
  const { t } = useI18n();
  const { customerId = "" } = useParams();
  const viewer = useViewer();
  const { canManageCustomers, canOrder, canTransfer } = viewer.permissions;
  const resellerOnly = isResellerOnly(viewer);
  // A role that can change nothing on this page is told so once, instead of meeting disabled controls.
  const readOnly = !canManageCustomers && !canOrder && !canTransfer;
  const page = useCustomerPageQuery({ variables: { id: customerId } });
  // Started now, in parallel with the customer's query, not once the header is there (the section reads them).
  useSubscriptionsSectionQueries(customerId, true);
  const [removed, setRemoved] = useState(false);
  const [mcaOpen, setMcaOpen] = useState(false);
  const [mcaDone, setMcaDone] = useState(false);
  const mcaButton = useRef<HTMLButtonElement>(null);

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

  // Recording the MCA needs the viewer's own ACTIVE relationship (as the API checks).
  const holdsRelationship = Boolean(
    customer?.relationships.some((r) => r.partner.id === viewer.partner.id && r.status === "ACTIVE"),
  );

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
            <CustomerHeader
              customer={customer}
              mcaAction={
                canManageCustomers && holdsRelationship && !mcaOpen ? (
                  <button ref={mcaButton} type="button" className="secondary small" onClick={() => setMcaOpen(true)}>
                    {t("customers.mca.record")}
                  </button>
                ) : null
              }
              actions={
                !resellerOnly && canTransfer && viewer.permissions.canActForCustomers ? (
                  <Link className="button secondary" to={transferWizardUrl({ customerId: customer.id })}>
                    {t("customers.actions.newTransfer")}
                  </Link>
                ) : null
              }
            />
            <SyncedIndicator id={customer.id} />
            {mcaDone && (
              <p className="success" role="status">
                {t("customers.mca.done")}
              </p>
            )}
            {mcaOpen && (
              <AgreementRecord
                customerId={customer.id}
                onClose={() => {
                  setMcaOpen(false);
                  setTimeout(() => mcaButton.current?.focus());
                }}
                onDone={() => {
                  setMcaOpen(false);
                  setMcaDone(true);
                }}
              />
            )}
            {readOnly && <p className="notice">{t("customers.readOnly", { role: t(`role.${viewer.user.role}`) })}</p>}
            <nav className="page-sections" aria-label={t("customers.page.sections")}>
              <a href="#subs-heading">{t("customers.page.subscriptions")}</a>
              <a href="#rel-heading">{t("customers.page.relationships")}</a>
              {viewer.permissions.canViewAudit && <a href="#customer-activity">{t("customers.page.activity")}</a>}
            </nav>
            <SubscriptionsSection customer={customer} />
            <RelationshipsSection
              customer={customer}
              removal={page.data?.removal ?? null}
              removed={removed}
              onRemovedChange={setRemoved}
              canManage={canManageCustomers && !resellerOnly}
            />
            {viewer.permissions.canViewAudit && (
              <div className="panel">
                <CustomerActivity customerId={customer.id} />
              </div>
            )}
          </>
        )}
      </DataState>
    </section>
  );
}
