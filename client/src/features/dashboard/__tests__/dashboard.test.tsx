import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeAll, describe, expect, it } from "vitest";
import {
  DashboardMultiChannelDocument,
  DashboardPendingTransfersDocument,
  DashboardProvidersDocument,
  DashboardResellersDocument,
  DashboardSummaryDocument,
  DashboardTermsEndingDocument,
  type DashboardPendingTransfersQuery,
  type DashboardProvidersQuery,
  type DashboardResellersQuery,
  type DashboardSummaryQuery,
  type DashboardTermsEndingQuery,
} from "../../../graphql/generated";
import { ServerError } from "@apollo/client/errors";
import { createCache } from "../../../lib/apollo";
import { makeViewer, renderView } from "../../../testing/harness";
import { DashboardView } from "../DashboardView";
import { addDays, todayUtc } from "../dates";

beforeAll(() => {
  // recharts' responsive charts watch their size; jsdom has no ResizeObserver.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});

const many = { maxUsageCount: Number.POSITIVE_INFINITY };
const today = todayUtc();

const summary: DashboardSummaryQuery = {
  networkSummary: {
    __typename: "NetworkSummary",
    asOf: today,
    customerCount: 163,
    subscriptionCount: 1650,
    activeResellerCount: 13,
    resellersWithComplianceIssues: 2,
    multiChannelCustomerCount: 45,
    incomingTransfersPending: 1,
    outgoingTransfersPending: 1,
    relationshipsRequested: 4,
    termsEndingIn30Days: 190,
    termsEndingIn60Days: 302,
    transfersExpiringWithin7Days: 1,
    openProviderRequests: 3,
    subscriptionsByChannel: [
      { __typename: "ChannelCount", channel: "CSP", count: 1573 },
      { __typename: "ChannelCount", channel: "EA", count: 17 },
    ],
    subscriptionsByStatus: [
      { __typename: "StatusCount", status: "ACTIVE", count: 1374 },
      { __typename: "StatusCount", status: "SUSPENDED", count: 73 },
    ],
  },
};

type ResellerNode = DashboardResellersQuery["resellers"]["nodes"][number];
const resellerNode = (
  n: number,
  name: string,
  subscriptions: number,
  flags: ResellerNode["complianceFlags"] = [],
): ResellerNode => ({
  __typename: "ResellerPartnership",
  id: `UmVzZWxsZXJQYXJ0bmVyc2hpcDo${n}`,
  status: "ACTIVE",
  complianceFlags: flags,
  counts: { __typename: "PartnershipCounts", customers: n, subscriptions },
  reseller: { __typename: "Partner", id: `UGFydG5lcjo${n}`, name, partnerId: `20000${n}` },
});

// Twelve resellers, listed by name as the API does; the dashboard ranks them by subscriptions.
const resellers: DashboardResellersQuery = {
  resellers: {
    __typename: "ResellerPartnershipConnection",
    totalCount: 12,
    nodes: [
      resellerNode(1, "Alpha IT", 5),
      resellerNode(2, "Bravo Cloud", 300),
      resellerNode(3, "Charlie Systems", 20, ["MPA_NOT_SIGNED"]),
      resellerNode(4, "Delta Networks", 1),
      resellerNode(5, "Echo Tech", 80, ["NOT_ACTIVE", "OTHER_REGION"]),
      ...[6, 7, 8, 9, 10, 11, 12].map((n) => resellerNode(n, `Reseller ${n}`, 30 + n)),
    ],
  },
};

type TransferNode = DashboardPendingTransfersQuery["transfers"]["nodes"][number];
const transfer = (
  n: number,
  customer: string,
  daysLeft: number,
  direction: TransferNode["direction"],
): TransferNode => ({
  __typename: "Transfer",
  id: `VHJhbnNmZXI6${n}`,
  direction,
  daysLeft,
  expiresOn: addDays(today, daysLeft),
  customer: { __typename: "Customer", id: `Q3VzdG9tZXI6${n}`, name: customer },
  sourcePartner: { __typename: "Partner", id: "UGFydG5lcjpmaXJzdHVw", name: "First Up Consultants" },
  targetPartner: { __typename: "Partner", id: "UGFydG5lcjp0cmV5", name: "Trey Research" },
  reseller: direction === "INCOMING" ? { __typename: "Partner", id: "UGFydG5lcjo2", name: "Wingtip Toys" } : null,
  subscriptions: [{ __typename: "CustomerSubscription", id: `Q3VzdG9tZXJTdWJzY3JpcHRpb246${n}` }],
});

const transfers: DashboardPendingTransfersQuery = {
  transfers: {
    __typename: "TransferConnection",
    totalCount: 2,
    nodes: [transfer(1, "Contoso Ltd.", 28, "INCOMING"), transfer(2, "Tailspin Toys", 3, "OUTGOING")],
  },
};

const terms = (count: number, offer: string): DashboardTermsEndingQuery => ({
  subscriptions: {
    __typename: "CustomerSubscriptionConnection",
    totalCount: count,
    nodes: [
      {
        __typename: "CustomerSubscription",
        id: "Q3VzdG9tZXJTdWJzY3JpcHRpb246dGVybQ",
        offerName: offer,
        quantity: 342,
        channel: "CSP",
        autoRenew: false,
        commitmentEndDate: addDays(today, 1),
        customer: { __typename: "Customer", id: "Q3VzdG9tZXI6bm9ydGh3aW5k", name: "Northwind Traders" },
        resellerOfRecord: { __typename: "Partner", id: "UGFydG5lcjo2", name: "Wingtip Toys" },
      },
    ],
  },
});

const multiChannel = {
  customers: {
    __typename: "CustomerConnection",
    totalCount: 51,
    nodes: [
      {
        __typename: "Customer",
        id: "Q3VzdG9tZXI6YWRhdHVt",
        name: "Adatum Corporation",
        domain: "adatum.onmicrosoft.com",
        channels: ["CSP", "THIRD_PARTY_NON_CSP"],
        relationships: [
          {
            __typename: "CustomerRelationship",
            id: "Q3VzdG9tZXJSZWxhdGlvbnNoaXA6MQ",
            status: "ACTIVE",
            partner: { __typename: "Partner", id: "UGFydG5lcjo2", name: "Wingtip Toys" },
          },
        ],
      },
    ],
  },
};

const termsMock = (days: number, data: DashboardTermsEndingQuery) => ({
  request: {
    query: DashboardTermsEndingDocument,
    variables: (v: Record<string, unknown>) => v.from === today && v.to === addDays(today, days),
  },
  result: { data },
  ...many,
});

const networkMocks = [
  { request: { query: DashboardSummaryDocument }, result: { data: summary }, ...many },
  { request: { query: DashboardResellersDocument }, result: { data: resellers }, ...many },
  { request: { query: DashboardPendingTransfersDocument }, result: { data: transfers }, ...many },
  { request: { query: DashboardMultiChannelDocument }, result: { data: multiChannel }, ...many },
  termsMock(30, terms(190, "Microsoft 365 Business Premium")),
  termsMock(60, terms(302, "Office 365 E3")),
];

describe("DashboardView: indirect provider", () => {
  it("shows the network totals as linked cards and the charts' numbers as tables", async () => {
    renderView(<DashboardView />, { mocks: networkMocks });
    expect(screen.getByRole("heading", { level: 1, name: "Network dashboard" })).toBeInTheDocument();

    const stats = await screen.findByRole("list", { name: "Totals" });
    expect(within(stats).getByRole("link", { name: "163 Customers" })).toHaveAttribute("href", "/customers");
    expect(within(stats).getByRole("link", { name: "2 Resellers with compliance issues" })).toHaveAttribute(
      "href",
      "/resellers?status=ACTIVE&issues=1",
    );
    // Every card opens the list it counts, filtered the same way.
    expect(within(stats).getByRole("link", { name: /Active resellers|Resellers$/ })).toHaveAttribute(
      "href",
      "/resellers?status=ACTIVE",
    );
    expect(within(stats).getByRole("link", { name: /^1 .*expir/i })).toHaveAttribute(
      "href",
      `/transfers?status=PENDING&expires=${addDays(today, 7)}`,
    );
    expect(within(stats).getByRole("link", { name: /^4 / })).toHaveAttribute("href", "/customers?requested=1");
    expect(within(stats).getByRole("link", { name: "190 Terms ending in 30 days" })).toHaveAttribute(
      "href",
      `/subscriptions?status=ACTIVE&termEndsAfter=${today}&termEndsBefore=${addDays(today, 30)}`,
    );
    expect(within(stats).getByRole("link", { name: "3 Requests from resellers" })).toHaveAttribute(
      "href",
      "/requests?direction=RECEIVED&status=OPEN",
    );

    const byChannel = screen.getByRole("table", { name: "Subscriptions by channel" });
    expect(within(byChannel).getByRole("row", { name: "CSP 1,573" })).toBeInTheDocument();
    expect(within(byChannel).getByRole("row", { name: "Open licensing 0" })).toBeInTheDocument();
    const byStatus = screen.getByRole("table", { name: "Subscriptions by status" });
    expect(within(byStatus).getByRole("row", { name: "Suspended 73" })).toBeInTheDocument();
    expect(screen.getByRole("figure", { name: "Subscriptions by channel" })).toBeInTheDocument();
  });

  it("ranks the ten largest resellers with their compliance flags", async () => {
    renderView(<DashboardView />, { mocks: networkMocks });
    const rows = await screen.findAllByTestId("dashboard-reseller");
    expect(rows).toHaveLength(10);
    expect(within(rows[0]!).getByRole("rowheader")).toHaveTextContent("Bravo Cloud");
    expect(within(rows[1]!).getByRole("rowheader")).toHaveTextContent("Echo Tech");
    expect(within(rows[1]!).getByText("Not active")).toBeInTheDocument();
    expect(within(rows[1]!).getByText("Other region")).toBeInTheDocument();
    expect(within(rows[1]!).getByRole("link", { name: "80" })).toHaveAttribute(
      "href",
      "/subscriptions?reseller=UGFydG5lcjo5",
    );
    const charlie = rows.find((r) => r.textContent?.includes("Charlie Systems"))!;
    expect(within(charlie).getByText("MPA not signed")).toBeInTheDocument();
    expect(screen.queryByText("Delta Networks")).not.toBeInTheDocument();
    expect(screen.getByText("The 10 largest of 12 resellers by subscriptions")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "2 with compliance issues" })).toHaveAttribute(
      "href",
      "/resellers?issues=1",
    );
    expect(screen.getByRole("link", { name: "All resellers" })).toHaveAttribute("href", "/resellers");
  });

  it("lists pending transfers, soonest to expire first, with days left and a link to each", async () => {
    renderView(<DashboardView />, { mocks: networkMocks });
    const rows = await screen.findAllByTestId("dashboard-transfer");
    expect(rows[0]).toHaveTextContent("Tailspin Toys");
    expect(within(rows[0]!).getByText("3 days")).toHaveClass("badge-no");
    expect(within(rows[0]!).getByRole("link", { name: "Open the transfer for Tailspin Toys" })).toHaveAttribute(
      "href",
      "/transfers/VHJhbnNmZXI62",
    );
    expect(rows[1]).toHaveTextContent("from First Up Consultants");
    expect(within(rows[1]!).getByText("28 days")).toHaveClass("badge-warn");
  });

  it("switches the terms window between 30 and 60 days through the URL", async () => {
    renderView(<DashboardView />, { mocks: networkMocks });
    expect(await screen.findByText("Microsoft 365 Business Premium")).toBeInTheDocument();
    const thirty = screen.getByRole("button", { name: "30 days" });
    expect(thirty).toHaveAttribute("aria-pressed", "true");
    expect(screen.getByRole("link", { name: "All 190 in the subscription list" })).toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "60 days" }));
    expect(await screen.findByText("Office 365 E3")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "60 days" })).toHaveAttribute("aria-pressed", "true");
    expect(screen.getByTestId("location")).toHaveTextContent("/?terms=60");
    expect(screen.getByRole("link", { name: "All 302 in the subscription list" })).toHaveAttribute(
      "href",
      `/subscriptions?status=ACTIVE&termEndsAfter=${today}&termEndsBefore=${addDays(today, 60)}`,
    );
    const row = screen.getByTestId("dashboard-term");
    expect(row).toHaveTextContent("tomorrow · ends");
    expect(within(row).getByRole("link", { name: "Northwind Traders" })).toHaveAttribute(
      "href",
      "/customers/Q3VzdG9tZXI6bm9ydGh3aW5k",
    );
  });

  it("lists multi-channel customers with their other channels and a link to each", async () => {
    renderView(<DashboardView />, { mocks: networkMocks });
    const row = await screen.findByTestId("dashboard-multichannel");
    expect(within(row).getByRole("link", { name: "Adatum Corporation" })).toHaveAttribute(
      "href",
      "/customers/Q3VzdG9tZXI6YWRhdHVt",
    );
    expect(within(row).getByText("Third party (non-CSP)")).toBeInTheDocument();
    expect(within(row).queryByText("CSP")).not.toBeInTheDocument();
    expect(within(row).getByText("Wingtip Toys")).toBeInTheDocument();
    expect(screen.getByText("1 of 51 shown")).toBeInTheDocument();
  });

  it("shows a panel's error with a retry, without hiding the other panels", async () => {
    renderView(<DashboardView />, {
      mocks: [
        ...networkMocks.filter((m) => m.request.query !== DashboardPendingTransfersDocument),
        { request: { query: DashboardPendingTransfersDocument }, error: new Error("transfers are down") },
      ],
    });
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("transfers are down");
    expect(within(alert).getByRole("button", { name: "Try again" })).toBeInTheDocument();
    expect(await screen.findAllByTestId("dashboard-reseller")).toHaveLength(10);
  });
});

describe("DashboardView: refresh failures", () => {
  const unavailable = () =>
    new ServerError("Response not successful: Received status code 503", {
      response: new Response("", { status: 503 }),
      bodyText: "",
    });

  it("keeps the cached totals under a stale-data banner when the refresh answers 503, and retries", async () => {
    const user = userEvent.setup();
    const cache = createCache();
    cache.writeQuery({ query: DashboardSummaryDocument, data: summary });
    const fresher = { networkSummary: { ...summary.networkSummary, customerCount: 164 } };
    renderView(<DashboardView />, {
      cache,
      mocks: [
        { request: { query: DashboardSummaryDocument }, error: unavailable() },
        { request: { query: DashboardSummaryDocument }, result: { data: fresher }, ...many },
        ...networkMocks.filter((m) => m.request.query !== DashboardSummaryDocument),
      ],
    });
    const banner = await screen.findByTestId("stale-banner");
    expect(banner).toHaveAttribute("role", "alert");
    expect(banner).toHaveTextContent("This may be out of date.");
    expect(banner).toHaveTextContent("The service is not available at the moment");
    expect(banner).not.toHaveTextContent("status code");
    // The numbers loaded earlier stay.
    const stats = screen.getByRole("list", { name: "Totals" });
    expect(within(stats).getByRole("link", { name: "163 Customers" })).toBeInTheDocument();
    // One banner for the summary, though two panels read it.
    expect(screen.getAllByTestId("stale-banner")).toHaveLength(1);

    await user.click(within(banner).getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("link", { name: "164 Customers" })).toBeInTheDocument();
    expect(screen.queryByTestId("stale-banner")).not.toBeInTheDocument();
  });

  it("words a failed first load for people, with a retry", async () => {
    renderView(<DashboardView />, {
      mocks: [
        { request: { query: DashboardSummaryDocument }, error: unavailable() },
        ...networkMocks.filter((m) => m.request.query !== DashboardSummaryDocument),
      ],
    });
    const alerts = await screen.findAllByRole("alert");
    const text = alerts.map((a) => a.textContent).join(" ");
    expect(text).toContain("The service is not available at the moment");
    expect(text).not.toContain("status code 503");
    expect(within(alerts[0]!).getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });

  it("says the server cannot be reached when the network fails", async () => {
    renderView(<DashboardView />, {
      mocks: [
        { request: { query: DashboardSummaryDocument }, error: new TypeError("Failed to fetch") },
        ...networkMocks.filter((m) => m.request.query !== DashboardSummaryDocument),
      ],
    });
    const alerts = await screen.findAllByRole("alert");
    expect(alerts.map((a) => a.textContent).join(" ")).toContain("Cannot reach the server");
  });
});

describe("DashboardView: direct-bill partner", () => {
  it("is the provider dashboard without the reseller parts", async () => {
    renderView(<DashboardView />, {
      viewer: makeViewer({ types: ["DIRECT_BILL"] }),
      mocks: networkMocks.filter((m) => m.request.query !== DashboardResellersDocument),
    });
    expect(screen.getByRole("heading", { level: 1, name: "Dashboard" })).toBeInTheDocument();
    const stats = await screen.findByRole("list", { name: "Totals" });
    expect(within(stats).queryByText(/resellers/i)).not.toBeInTheDocument();
    expect(within(stats).queryByText(/Requests/)).not.toBeInTheDocument();
    expect(await screen.findAllByTestId("dashboard-transfer")).toHaveLength(2);
    expect(screen.queryByRole("heading", { name: "Resellers" })).not.toBeInTheDocument();
    // Terms ending: no reseller column for a partner without resellers.
    await screen.findByTestId("dashboard-term");
    expect(screen.queryByRole("columnheader", { name: "Reseller" })).not.toBeInTheDocument();
  });
});

const providers: DashboardProvidersQuery = {
  providers: {
    __typename: "ResellerPartnershipConnection",
    totalCount: 2,
    nodes: [
      {
        __typename: "ResellerPartnership",
        id: "UmVzZWxsZXJQYXJ0bmVyc2hpcDp0cmV5",
        status: "ACTIVE",
        complianceFlags: [],
        provider: {
          __typename: "Partner",
          id: "UGFydG5lcjp0cmV5",
          name: "Trey Research",
          partnerId: "4847383",
          country: "US",
        },
      },
      {
        __typename: "ResellerPartnership",
        id: "UmVzZWxsZXJQYXJ0bmVyc2hpcDpyZWxl",
        status: "INVITED",
        complianceFlags: [],
        provider: {
          __typename: "Partner",
          id: "UGFydG5lcjpyZWxl",
          name: "Relecloud",
          partnerId: "7000001",
          country: "US",
        },
      },
    ],
  },
  openRequests: {
    __typename: "ProviderRequestConnection",
    totalCount: 2,
    nodes: ["UHJvdmlkZXJSZXF1ZXN0OjE", "UHJvdmlkZXJSZXF1ZXN0OjI"].map((id) => ({
      __typename: "ProviderRequest" as const,
      id,
      provider: { __typename: "Partner" as const, id: "UGFydG5lcjp0cmV5" },
    })),
  },
  eligibilityRules: [
    {
      __typename: "EligibilityRule",
      id: "R1",
      code: "RESELLER_RELATIONSHIP_REQUIRED",
      actions: ["SUPPORT", "ORDER"],
      message: "No relationship.",
    },
    {
      __typename: "EligibilityRule",
      id: "R22",
      code: "INDIRECT_RESELLER_MUST_USE_PROVIDER",
      actions: ["ORDER", "TRANSFER", "CANCEL", "REACTIVATE", "SUSPEND"],
      message: "An indirect reseller cannot do this itself. Ask your indirect provider to do it on your behalf.",
    },
  ],
};

describe("DashboardView: indirect reseller", () => {
  const resellerMocks = [
    ...networkMocks.filter((m) => m.request.query !== DashboardResellersDocument),
    { request: { query: DashboardProvidersDocument }, result: { data: providers }, ...many },
  ];

  it("separates what the reseller can do from what its provider does, and names the providers", async () => {
    renderView(<DashboardView />, { viewer: makeViewer({ types: ["INDIRECT_RESELLER"] }), mocks: resellerMocks });
    expect(screen.getByRole("heading", { level: 1, name: "Your customers" })).toBeInTheDocument();

    const self = screen.getByRole("region", { name: "What you can do yourself" });
    expect(within(self).getByRole("link", { name: "Subscriptions you can support" })).toHaveAttribute(
      "href",
      "/subscriptions?action=SUPPORT",
    );
    expect(within(self).getByRole("link", { name: "Customers" })).toHaveAttribute("href", "/customers?panel=request");

    const ask = await screen.findByRole("region", { name: "Ask your provider" });
    expect(within(ask).getByText(/the API refuses them for you with rule R22/)).toBeInTheDocument();
    const actions = within(ask)
      .getAllByRole("listitem")
      .filter((li) => li.hasAttribute("data-action"))
      .map((li) => li.getAttribute("data-action"));
    expect(actions).toEqual(["ORDER", "CANCEL", "SUSPEND", "REACTIVATE", "TRANSFER"]);
    expect(within(ask).getByText(/Ask your indirect provider to do it on your behalf/)).toBeInTheDocument();

    const cards = within(ask).getAllByTestId("ask-provider");
    expect(cards[0]).toHaveTextContent("Trey Research");
    expect(within(cards[0]!).getByRole("link", { name: "Trey Research on the Providers page" })).toHaveAttribute(
      "href",
      "/providers?search=4847383",
    );
    expect(cards[1]).toHaveTextContent("Invitation waiting: accept it on the Providers page first.");
    expect(within(ask).getByRole("link", { name: "Providers page" })).toHaveAttribute("href", "/providers");
    // The requests it sent and that are still open: per provider, and in all.
    expect(within(cards[0]!).getByRole("link", { name: "2 open requests with them" })).toHaveAttribute(
      "href",
      "/requests?direction=SENT&status=OPEN",
    );
    expect(within(cards[1]!).queryByTestId("ask-provider-requests")).not.toBeInTheDocument();
    expect(within(ask).getByRole("link", { name: "Your requests (2 open)" })).toHaveAttribute(
      "href",
      "/requests?direction=SENT",
    );

    expect(screen.queryByRole("heading", { name: "Resellers" })).not.toBeInTheDocument();
    const stats = await screen.findByRole("list", { name: "Totals" });
    expect(within(stats).getByRole("link", { name: "190 Terms ending in 30 days" }).getAttribute("href")).toBeTruthy();
  });

  it("explains how to get a provider when it has none", async () => {
    renderView(<DashboardView />, {
      viewer: makeViewer({ types: ["INDIRECT_RESELLER"] }),
      mocks: [
        ...resellerMocks.filter((m) => m.request.query !== DashboardProvidersDocument),
        {
          request: { query: DashboardProvidersDocument },
          result: { data: { ...providers, providers: { ...providers.providers, totalCount: 0, nodes: [] } } },
          ...many,
        },
      ],
    });
    const ask = await screen.findByRole("region", { name: "Ask your provider" });
    await waitFor(() => expect(within(ask).getByText(/You have no active provider yet/)).toHaveTextContent("4847383"));
  });
});
