import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ProvenanceDocument } from "../../graphql/generated";
import { renderView } from "../../testing/harness";
import { SyncedIndicator } from "../SyncedIndicator";

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
