import { describe, expect, it } from "vitest";
import type { DocumentNode } from "graphql";
import * as generated from "../../graphql/generated";
import { STALE_QUERIES, staleQueries } from "../live";

/** Operation names of every query the app defines (client/src/**\/*.graphql, through codegen). */
function queryNames(): Set<string> {
  const names = new Set<string>();
  for (const value of Object.values(generated)) {
    const doc = value as Partial<DocumentNode> | null;
    if (!doc || typeof doc !== "object" || doc.kind !== "Document") continue;
    for (const d of doc.definitions ?? []) {
      if (d.kind === "OperationDefinition" && d.operation === "query" && d.name) names.add(d.name.value);
    }
  }
  return names;
}

describe("live events → stale queries", () => {
  it("names only queries that exist (a renamed query would silently stop updating)", () => {
    const known = queryNames();
    expect(known.size).toBeGreaterThan(10);
    for (const [type, names] of Object.entries(STALE_QUERIES)) {
      for (const n of names) expect(known.has(n), `${type} → ${n}`).toBe(true);
    }
  });

  it("covers every event type the schema has", () => {
    expect(Object.keys(STALE_QUERIES).sort()).toEqual([...generated.LIVE_EVENT_TYPE_VALUES].sort());
  });

  it("the request badge follows provider requests; dashboards and transfer pages follow transfers", () => {
    expect(staleQueries(["PROVIDER_REQUEST_OPENED"]).has("ShellOpenRequests")).toBe(true);
    expect(staleQueries(["PROVIDER_REQUEST_RESOLVED"]).has("ShellOpenRequests")).toBe(true);
    const transfer = staleQueries(["TRANSFER_CREATED", "TRANSFER_ACCEPTED"]);
    for (const n of ["TransferList", "TransferDetail", "DashboardPendingTransfers", "DashboardSummary"])
      expect(transfer.has(n)).toBe(true);
    expect(staleQueries(["TERM_ENDING"])).toEqual(new Set(["DashboardTermsEnding"]));
  });
});
