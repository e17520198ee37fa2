import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { RenewalsDocument } from "../../../graphql/generated";
import { makeViewer, renderView } from "../../../testing/harness";
import { formatInstant } from "../../subscriptions/instants";
import { groupRenewals, type RenewalRow } from "../components/RenewalGroups";
import { RenewalsView } from "../RenewalsView";

const DEADLINE = "2026-12-04T14:03:00Z";

function row(
  n: number,
  customer: [string, string],
  reseller: [string, string] | null,
  extra: Partial<RenewalRow> = {},
) {
  const r: RenewalRow = {
    __typename: "CustomerSubscription",
    id: `Q3VzdG9tZXJTdWJzY3JpcHRpb246${n}`,
    offerName: `Offer ${n}`,
    status: "ACTIVE",
    quantity: 10 + n,
    autoRenew: true,
    termDuration: "P1Y",
    billingCycle: "ANNUAL",
    commitmentEndDate: "2026-12-20",
    scheduledChange: null,
    customer: { __typename: "Customer", id: customer[0], name: customer[1] },
    resellerOfRecord: reseller ? { __typename: "Partner", id: reseller[0], name: reseller[1] } : null,
    seats: { __typename: "EligibilityDecision", refundableQuantity: 0, refundableDetails: [] },
    ...extra,
  };
  return r;
}

const WINGTIP: [string, string] = ["UGFydG5lcjp3", "Wingtip Toys"];
const FABRIKAM: [string, string] = ["UGFydG5lcjpm", "Fabrikam Resellers"];
const CONTOSO: [string, string] = ["Q3VzdG9tZXI6MQ", "Contoso Ltd."];
const ADATUM: [string, string] = ["Q3VzdG9tZXI6Mg", "Adatum"];
const NORTHWIND: [string, string] = ["Q3VzdG9tZXI6Mw", "Northwind Traders"];

const ROWS = [
  row(1, CONTOSO, WINGTIP, {
    seats: {
      __typename: "EligibilityDecision",
      refundableQuantity: 4,
      refundableDetails: [{ __typename: "RefundableSeatWindow", quantity: 4, allowedUntil: DEADLINE }],
    },
  }),
  row(2, CONTOSO, WINGTIP, {
    autoRenew: false,
    termDuration: "P1M",
    billingCycle: "MONTHLY",
  }),
  row(3, ADATUM, WINGTIP, {
    scheduledChange: { __typename: "ScheduledChange", quantity: 5, termDuration: null, billingCycle: null },
  }),
  row(4, NORTHWIND, FABRIKAM),
];

const renewals = (within: number, nodes: RenewalRow[]) => ({
  request: { query: RenewalsDocument, variables: { within, first: 50, after: null } },
  result: {
    data: {
      renewals: {
        __typename: "CustomerSubscriptionConnection",
        totalCount: nodes.length,
        pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: null },
        nodes,
      },
    },
  },
});

describe("groupRenewals", () => {
  it("folds the server's order into resellers, then customers, keeping each row once", () => {
    const groups = groupRenewals(ROWS);
    expect(groups.map((g) => g.name)).toEqual(["Wingtip Toys", "Fabrikam Resellers"]);
    expect(groups[0]!.customers.map((c) => [c.name, c.rows.length])).toEqual([
      ["Contoso Ltd.", 2],
      ["Adatum", 1],
    ]);
    expect(groupRenewals([row(9, CONTOSO, null)])[0]).toMatchObject({ id: null, name: null });
  });
});

describe("RenewalsView", () => {
  it("shows what ends within 30 days by reseller and customer: renews or expires, open windows with deadlines, scheduled changes, links to the panel", async () => {
    renderView(<RenewalsView />, { url: "/renewals", mocks: [renewals(30, ROWS)] });
    const wingtip = await screen.findByRole("region", { name: "Wingtip Toys" });
    expect(within(wingtip).getByRole("heading", { level: 2 })).toHaveTextContent("Reseller: Wingtip Toys");
    const contoso = within(wingtip).getByRole("table", { name: /Contoso Ltd\./ });
    const [, first, second] = within(contoso).getAllByRole("row");
    expect(within(first!).getByText("Renews")).toHaveClass("badge-ok");
    expect(first).toHaveTextContent(`4 seats until ${formatInstant("en", DEADLINE)}`);
    expect(within(first!).getByRole("link", { name: "Open Offer 1" })).toHaveAttribute(
      "href",
      `/subscriptions/${ROWS[0]!.id}`,
    );
    expect(within(second!).getByText("Expires")).toHaveClass("badge-warn");
    expect(second).toHaveTextContent("None");
    const adatum = within(wingtip).getByRole("table", { name: /Adatum/ });
    expect(adatum).toHaveTextContent("5 seats, 1 year, billed annually");
    expect(screen.getByRole("region", { name: "Fabrikam Resellers" })).toHaveTextContent("Northwind Traders");
  });

  it("looks 90 days ahead when asked, in the URL", async () => {
    const user = userEvent.setup();
    renderView(<RenewalsView />, {
      url: "/renewals",
      mocks: [renewals(30, []), renewals(90, [ROWS[3]!])],
      viewer: makeViewer({ types: ["INDIRECT_RESELLER"] }),
    });
    expect(await screen.findByText("Nothing renews or expires in this period.")).toBeInTheDocument();
    await user.click(screen.getByRole("radio", { name: "90 days" }));
    expect(screen.getByTestId("location")).toHaveTextContent("/renewals?within=90");
    expect(await screen.findByRole("region", { name: "Fabrikam Resellers" })).toBeInTheDocument();
  });

  it("speaks Portuguese", async () => {
    renderView(<RenewalsView />, { url: "/renewals", mocks: [renewals(30, ROWS)], locale: "pt-PT" });
    expect(await screen.findByRole("heading", { level: 1, name: "Renovações" })).toBeInTheDocument();
    expect(await screen.findByText(`4 licenças até ${formatInstant("pt-PT", DEADLINE)}`)).toBeInTheDocument();
  });
});
