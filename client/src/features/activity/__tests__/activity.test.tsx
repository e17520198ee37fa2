import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ActivityListDocument, type ActivityRowFragment } from "../../../graphql/generated";
import { renderView } from "../../../testing/harness";
import { ActivityView } from "../ActivityView";
import { exportUrl } from "../download";

const event = (extra: Partial<ActivityRowFragment> = {}): ActivityRowFragment => ({
  __typename: "AuditEvent",
  id: "e1",
  occurredAt: "2026-11-20T10:00:00.000Z",
  operation: "cancelSubscription",
  outcome: "REFUSED",
  requestId: "r1",
  actor: { __typename: "AuditActor", kind: "USER", name: "ana@contoso.example" },
  decision: null,
  userErrors: [{ __typename: "UserError", code: "CANCELLATION_WINDOW_CLOSED", message: "Too late to cancel" }],
  changes: [],
  ...extra,
});

const list = (filter: Record<string, unknown>, nodes: ActivityRowFragment[]) => ({
  request: { query: ActivityListDocument, variables: { first: 20, filter } },
  result: {
    data: {
      auditEvents: {
        __typename: "AuditEventConnection",
        totalCount: nodes.length,
        pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: null },
        nodes,
      },
    },
  },
});

describe("ActivityView", () => {
  it("lists the events of the URL's filter: who, what, outcome, changes and reasons", async () => {
    const accepted = event({
      id: "e2",
      operation: "suspendSubscription",
      outcome: "ACCEPTED",
      userErrors: [],
      changes: [
        {
          __typename: "AuditChange",
          type: "CustomerSubscription",
          fields: [{ __typename: "AuditFieldChange", field: "status", before: "ACTIVE", after: "SUSPENDED" }],
        },
      ],
    });
    renderView(<ActivityView />, {
      url: "/activity?operation=cancelSubscription",
      mocks: [list({ operation: "cancelSubscription" }, [accepted, event()])],
    });
    expect(await screen.findByText("Too late to cancel")).toBeInTheDocument();
    expect(screen.getByText("CustomerSubscription.status: ACTIVE → SUSPENDED")).toBeInTheDocument();
    expect(screen.getByText("Refused")).toBeInTheDocument();
    expect(screen.getByText("Accepted")).toBeInTheDocument();
    expect(screen.getAllByText("ana@contoso.example")).toHaveLength(2);
    expect(screen.getByLabelText("Operation")).toHaveValue("cancelSubscription");
  });

  it("downloads the same filter as CSV", () => {
    expect(exportUrl({ customerId: "Q3VzdG9tZXI6MQ", operation: "", from: "2026-11-01" })).toBe(
      "/export/audit-events.csv?customerId=Q3VzdG9tZXI6MQ&from=2026-11-01",
    );
    expect(exportUrl({})).toBe("/export/audit-events.csv");
  });
});
