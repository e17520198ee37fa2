import type { ReactNode } from "react";
import { DataState } from "./DataState";
import { Pager } from "./Pager";
import { ListPager, type PageLinks, type PageMove } from "./ListPager";
import type { PagingValues } from "../lib/list-paging";
import { StaleBanner } from "./StaleBanner";
import "./components-messages";

/** The part of a Relay connection a paged list needs. */
export interface PagedConnection {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null } & Partial<PageLinks>;
  nodes: readonly unknown[];
}

/**
 * One page of a cursor connection: the loading, error and empty states, the page (dimmed and aria-busy while the
 * next one loads: pass the previous data as `connection` meanwhile), and the pager below it. An error while a page
 * is shown keeps the page under a stale-data banner with "Try again" (StaleBanner).
 */
export function PagedList<C extends PagedConnection>({
  connection,
  loading,
  error,
  onRetry,
  emptyText,
  after,
  onPage,
  pagerOnSinglePage = true,
  paging,
  children,
}: {
  connection: C | null | undefined;
  loading: boolean;
  error?: unknown;
  onRetry(): void;
  emptyText: string;
  /** The URL's page cursor ("" on the first page). */
  after: string;
  onPage(after: string | null): void;
  /** false: no pager when everything fits on the first page. */
  pagerOnSinglePage?: boolean;
  /** Page N of M with first, previous, next, last and page size (the connection must carry the full pageInfo). */
  paging?: { values: PagingValues; onMove(move: PageMove): void };
  children(connection: C): ReactNode;
}) {
  const showPager = pagerOnSinglePage || Boolean(connection?.pageInfo.hasNextPage || after);
  return (
    <DataState
      loading={loading && !connection}
      error={connection ? null : error}
      empty={connection?.nodes.length === 0}
      emptyText={emptyText}
      onRetry={onRetry}
    >
      {connection && (
        <div aria-busy={loading || undefined} className={loading ? "refreshing" : undefined}>
          {error ? <StaleBanner error={error} onRetry={onRetry} /> : null}
          {children(connection)}
          {showPager && paging && (
            <ListPager
              totalCount={connection.totalCount}
              pageInfo={{
                hasNextPage: connection.pageInfo.hasNextPage,
                hasPreviousPage: connection.pageInfo.hasPreviousPage ?? false,
                startCursor: connection.pageInfo.startCursor ?? null,
                endCursor: connection.pageInfo.endCursor,
              }}
              values={paging.values}
              onMove={paging.onMove}
            />
          )}
          {showPager && !paging && (
            <Pager
              totalCount={connection.totalCount}
              hasNextPage={connection.pageInfo.hasNextPage}
              endCursor={connection.pageInfo.endCursor}
              after={after}
              onPage={onPage}
            />
          )}
        </div>
      )}
    </DataState>
  );
}
