import { useId } from "react";
import { useTransferWizardResellersQuery, type TransferWizardResellersQuery } from "../../../graphql/generated";
import { PagedList } from "../../../components/PagedList";
import { SearchForm } from "../../../components/SearchForm";
import { useI18n } from "../../../lib/i18n";
import { FLAG_RULE, LIST_PAGE } from "./wizard-data";
import "../messages";

type ResellerRow = TransferWizardResellersQuery["resellers"]["nodes"][number];

/**
 * Step 2 (providers): the reseller the transfer is for. Resellers the customer already works with come first; a
 * reseller with a compliance flag (R24–R26) cannot be chosen, and says why.
 */
export function ResellerStep(props: {
  search: string;
  after: string;
  selectedId: string;
  customerName: string;
  /** The partners with an ACTIVE relationship with the customer. */
  customerPartnerIds: ReadonlySet<string>;
  onSearch(q: string): void;
  onPage(after: string | null): void;
  onBack(): void;
  onPick(id: string): void;
}) {
  const { t } = useI18n();
  const { data, previousData, loading, error, refetch } = useTransferWizardResellersQuery({
    variables: { search: props.search || undefined, first: LIST_PAGE, after: props.after || undefined },
  });
  const knows = (row: ResellerRow) => props.customerPartnerIds.has(row.reseller.id);
  return (
    <>
      <p className="hint">{t("transfers.wizard.reseller.hint")}</p>
      <div className="filters">
        <SearchForm
          label={t("transfers.wizard.reseller.search")}
          buttonLabel={t("transfers.wizard.search")}
          value={props.search}
          onSearch={props.onSearch}
        />
      </div>
      <PagedList
        connection={(data ?? previousData)?.resellers}
        loading={loading}
        error={error}
        onRetry={() => void refetch()}
        emptyText={t("transfers.wizard.reseller.empty")}
        after={props.after}
        onPage={props.onPage}
      >
        {(page) => (
          <ul className="xfer-pick-list">
            {[...page.nodes]
              .sort((a, b) => Number(knows(b)) - Number(knows(a)))
              .map((row) => (
                <ResellerItem
                  key={row.id}
                  row={row}
                  selected={row.reseller.id === props.selectedId}
                  knowsCustomer={knows(row)}
                  customerName={props.customerName}
                  onPick={() => props.onPick(row.reseller.id)}
                />
              ))}
          </ul>
        )}
      </PagedList>
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
  // The wizard lists ACTIVE partnerships, whose flags the API always gives (null only for an invitation).
  const flags = row.complianceFlags ?? [];
  const flagged = flags.length > 0;
  return (
    <li className={selected ? "xfer-picked" : undefined}>
      <div>
        <strong>{row.reseller.name}</strong>
        <div className="xfer-sub">
          {t("transfers.partnerId", { id: row.reseller.partnerId })} · {row.reseller.country}
          {row.counts && (
            <>
              {" · "}
              {t("transfers.wizard.reseller.counts", {
                customers: row.counts.customers,
                subscriptions: row.counts.subscriptions,
              })}
            </>
          )}
        </div>
        <div className="xfer-flags">
          {knowsCustomer && customerName && (
            <span className="badge badge-ok">{t("transfers.wizard.reseller.knows", { name: customerName })}</span>
          )}
          {flagged ? (
            <span id={flagsId}>
              {flags.map((f) => (
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
