import { useState } from "react";
import { DataState } from "../../components/DataState";
import { Pager } from "../../components/Pager";
import { useActivityListQuery } from "../../graphql/generated";
import { useI18n } from "../../lib/i18n";
import { ActivityTable } from "./ActivityTable";
import { downloadActivity, type ActivityFilter } from "./download";
import "./messages";

const PAGE_SIZE = 20;

/** A page of the audit log for a filter, with paging and the CSV download of the whole filtered list. */
export function ActivityList({ filter }: { filter: ActivityFilter }) {
  const { t } = useI18n();
  const [after, setAfter] = useState("");
  const [failure, setFailure] = useState<string | null>(null);
  const { data, previousData, loading, error, refetch } = useActivityListQuery({
    variables: {
      first: PAGE_SIZE,
      after: after || undefined,
      filter: {
        customerId: filter.customerId || undefined,
        resellerId: filter.resellerId || undefined,
        operation: filter.operation || undefined,
        from: filter.from ? new Date(`${filter.from}T00:00:00Z`).toISOString() : undefined,
        to: filter.to ? new Date(`${filter.to}T00:00:00Z`).toISOString() : undefined,
      },
    },
    fetchPolicy: "cache-and-network",
  });
  const connection = (data ?? previousData)?.auditEvents;
  return (
    <>
      <p>
        <button
          type="button"
          onClick={() => {
            setFailure(null);
            downloadActivity(filter).catch((e: Error) => setFailure(e.message));
          }}
        >
          {t("activity.download")}
        </button>
      </p>
      {failure && <p role="alert">{t("activity.downloadFailed", { message: failure })}</p>}
      <DataState
        loading={loading && !connection}
        error={error}
        onRetry={() => void refetch()}
        empty={connection?.nodes.length === 0}
        emptyText={t("activity.empty")}
      >
        {connection && (
          <>
            <ActivityTable events={connection.nodes} />
            <Pager
              totalCount={connection.totalCount}
              hasNextPage={connection.pageInfo.hasNextPage}
              endCursor={connection.pageInfo.endCursor}
              after={after}
              onPage={(next) => setAfter(next ?? "")}
            />
          </>
        )}
      </DataState>
    </>
  );
}
