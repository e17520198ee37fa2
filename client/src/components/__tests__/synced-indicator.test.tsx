import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { NetworkSyncStatusDocument, ProvenanceDocument, type Upstream } from "../../graphql/generated";
import { createCache } from "../../lib/apollo";
import { renderView } from "../../testing/harness";
import { NetworkSyncIndicator, SyncedIndicator } from "../SyncedIndicator";

const customer = (source: string | null, syncedAt: string | null) => ({
  request: { query: ProvenanceDocument, variables: { id: "Q3VzdG9tZXI6MQ" } },
  result: { data: { node: { __typename: "Customer", id: "Q3VzdG9tZXI6MQ", source, syncedAt } } },
});

describe("SyncedIndicator", () => {
  it("says how long ago a sync wrote the record", async () => {
    const fiveMinutesAgo = new Date(Date.now() - 5 * 60_000 - 5_000).toISOString();
    renderView(<SyncedIndicator id="Q3VzdG9tZXI6MQ" />, { mocks: [customer("partner-center", fiveMinutesAgo)] });
    const badge = await screen.findByTestId("synced-indicator");
    expect(badge).toHaveTextContent("Synced 5 min ago");
    expect(badge).not.toHaveClass("stale");
  });

  it("marks a record no sync has written for a day as stale", async () => {
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000 - 60_000).toISOString();
    renderView(<SyncedIndicator id="Q3VzdG9tZXI6MQ" />, { mocks: [customer("partner-center", twoDaysAgo)] });
    const badge = await screen.findByTestId("synced-indicator");
    expect(badge).toHaveTextContent("Stale: synced 2 d ago");
    expect(badge).toHaveClass("stale");
  });

  it("shows nothing for channelgate's own records", async () => {
    const { container } = renderView(<SyncedIndicator id="Q3VzdG9tZXI6MQ" />, { mocks: [customer(null, null)] });
    await new Promise((r) => setTimeout(r, 50));
    expect(container.querySelector("[data-testid=synced-indicator]")).toBeNull();
  });
});

const network = (upstream: Upstream, lastSyncedAt: string | null, stale: boolean) => ({
  request: { query: NetworkSyncStatusDocument },
  result: {
    data: {
      viewer: {
        __typename: "Viewer",
        syncStatus: { __typename: "SyncStatus", upstream, lastSyncedAt, stale, staleAfterMinutes: 60 },
      },
    },
  },
});

describe("NetworkSyncIndicator", () => {
  it("says when Partner Center last confirmed the network, with the instant and threshold in its title", async () => {
    const at = new Date(Date.now() - 5 * 60_000 - 5_000).toISOString();
    renderView(<NetworkSyncIndicator />, { mocks: [network("PARTNER_CENTER", at, false)] });
    const badge = await screen.findByTestId("network-sync-indicator");
    expect(badge).toHaveTextContent("Partner Center data synced 5 min ago");
    expect(badge).not.toHaveClass("stale");
    expect(badge.title).toContain(at);
    expect(badge.title).toContain("60 min");
  });

  it("marks the network stale as the server decides (past its threshold)", async () => {
    const at = new Date(Date.now() - 3 * 3_600_000 - 60_000).toISOString();
    renderView(<NetworkSyncIndicator block />, { mocks: [network("PARTNER_CENTER", at, true)] });
    const badge = await screen.findByTestId("network-sync-indicator");
    expect(badge).toHaveTextContent("Stale: Partner Center data synced 3 h ago");
    expect(badge).toHaveClass("stale");
  });

  it("says so when no sync has succeeded yet, in Portuguese too", async () => {
    renderView(<NetworkSyncIndicator />, { mocks: [network("PARTNER_CENTER", null, true)], locale: "pt-PT" });
    const badge = await screen.findByTestId("network-sync-indicator");
    expect(badge).toHaveTextContent("Desatualizado: ainda não sincronizado com o Partner Center");
    expect(badge).toHaveClass("stale");
  });

  it("shows nothing in the sandbox, nor for a partner Partner Center does not hold", async () => {
    for (const mock of [network("SANDBOX", null, false), network("PARTNER_CENTER", null, false)]) {
      const cache = createCache();
      const { container, unmount } = renderView(<NetworkSyncIndicator />, { mocks: [mock], cache });
      // The answer has arrived (it is in the cache) and the view has rendered it.
      await waitFor(() => expect(cache.readQuery({ query: NetworkSyncStatusDocument })).not.toBeNull());
      await new Promise((r) => setTimeout(r, 0));
      expect(container.querySelector("[data-testid=network-sync-indicator]")).toBeNull();
      unmount();
    }
  });
});
