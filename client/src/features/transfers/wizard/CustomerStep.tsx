import { useTransferWizardCustomersQuery } from "../../../graphql/generated";
import { PagedList } from "../../../components/PagedList";
import { SearchForm } from "../../../components/SearchForm";
import { useI18n } from "../../../lib/i18n";
import { LIST_PAGE } from "./wizard-data";
import "../messages";

/** Step 1: find the customer (by name or domain) and choose it. */
export function CustomerStep(props: {
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
  return (
    <>
      <p className="hint">{t("transfers.wizard.customer.hint")}</p>
      <div className="filters">
        <SearchForm
          label={t("transfers.wizard.customer.search")}
          buttonLabel={t("transfers.wizard.search")}
          value={props.search}
          onSearch={props.onSearch}
        />
      </div>
      <PagedList
        connection={(data ?? previousData)?.customers}
        loading={loading}
        error={error}
        onRetry={() => void refetch()}
        emptyText={t("transfers.wizard.customer.empty")}
        after={props.after}
        onPage={props.onPage}
      >
        {(page) => (
          <ul className="xfer-pick-list">
            {page.nodes.map((c) => {
              const chosen = c.id === props.selectedId;
              return (
                <li key={c.id} className={chosen ? "xfer-picked" : undefined}>
                  <div>
                    <strong>{c.name}</strong>
                    <div className="xfer-sub">
                      {c.domain} · {c.country}
                    </div>
                  </div>
                  <button
                    type="button"
                    className={chosen ? undefined : "secondary"}
                    aria-label={t("transfers.wizard.choose", { name: c.name })}
                    onClick={() => props.onPick(c.id)}
                  >
                    {chosen ? t("transfers.wizard.chosen") : t("transfers.wizard.chooseShort")}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </PagedList>
    </>
  );
}
