import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  BulkAskProviderDocument,
  BulkSuspendSubscriptionDocument,
  SubscriptionsBulkReviewDocument,
  SubscriptionsListDocument,
  type EligibilityAction,
  type SubscriptionsBulkReviewQuery,
  type SubscriptionsListQuery,
} from "../../../graphql/generated";
import { makeViewer, renderView, userError } from "../../../testing/harness";
import { SubscriptionListView } from "../SubscriptionListView";
import { bulkActionsFor, reviewLines, runBounded, type ReviewSubject } from "../bulk/bulk-actions";

type Row = SubscriptionsListQuery["subscriptions"]["nodes"][number];
type Decision = Row["eligibility"];
type Reason = Decision["blocking"][number];
type ReviewNode = SubscriptionsBulkReviewQuery["subscriptions"]["nodes"][number];

const VIEWER_PARTNER = "UGFydG5lcjpwcm92aWRlcg"; // makeViewer's partner id
const PROVIDER = { __typename: "Partner" as const, id: "UGFydG5lcjp0cmV5", name: "Trey Research" };

const reason = (ruleId: string, code: Reason["code"], message: string): Reason => ({
  __typename: "EligibilityReason",
  ruleId,
  code,
  message,
  severity: "BLOCKING",
  source: "https://learn.microsoft.com/en-us/partner-center/customers/suspend-or-reactivate-subscriptions",
  sourceTitle: "Suspend or reactivate subscriptions",
});
const R22 = reason("R22", "INDIRECT_RESELLER_MUST_USE_PROVIDER", "Ask your indirect provider to do it for you.");
const R15 = reason("R15m", "SUBSCRIPTION_NOT_ACTIVE", "Only an active subscription can be suspended.");
const R35D = reason("R35d", "PARTNER_NOT_ACTIVE", "A deauthorized partner cannot suspend subscriptions.");

const decision = (action: EligibilityAction, blocking: Reason[] = []): Decision => ({
  __typename: "EligibilityDecision",
  action,
  eligible: blocking.length === 0,
  asOf: "2026-12-02",
  blocking,
  advisories: [],
});

const id = (n: number) => `Q3VzdG9tZXJTdWJzY3JpcHRpb246${n}`;

function row(n: number, offerName: string): Row {
  return {
    __typename: "CustomerSubscription",
    id: id(n),
    offerName,
    offerKind: "LICENSE_BASED",
    commerceModel: "NEW_COMMERCE",
    channel: "CSP",
    status: "ACTIVE",
    quantity: 10,
    commitmentEndDate: "2027-06-01",
    termDuration: "P1Y",
    autoRenew: true,
    customer: { __typename: "Customer", id: `Q3VzdG9tZXI6${n}`, name: `Customer ${n}` },
    transactingPartner: PROVIDER,
    resellerOfRecord: null,
    parentSubscription: null,
    eligibility: decision("SUPPORT"),
  };
}

function reviewNode(n: number, offerName: string, d: Decision, extra: Partial<ReviewNode> = {}): ReviewNode {
  return {
    __typename: "CustomerSubscription",
    id: id(n),
    offerName,
    status: "ACTIVE",
    autoRenew: true,
    version: 3,
    customer: { __typename: "Customer", id: `Q3VzdG9tZXI6${n}`, name: `Customer ${n}` },
    transactingPartner: PROVIDER,
    resellerOfRecord: null,
    eligibility: d,
    ...extra,
  };
}

const ROWS = [row(1, "Microsoft 365 E3"), row(2, "Office 365 E1"), row(3, "Teams Phone")];

const LIST_VARIABLES = {
  first: 20,
  after: null,
  last: null,
  before: null,
  orderBy: null,
  filter: { status: ["ACTIVE", "SUSPENDED"] },
  action: "SUPPORT",
  resellerId: null,
};

const listMock = {
  request: { query: SubscriptionsListDocument, variables: LIST_VARIABLES },
  result: {
    data: {
      subscriptions: {
        __typename: "CustomerSubscriptionConnection",
        totalCount: ROWS.length,
        pageInfo: {
          __typename: "PageInfo",
          hasNextPage: false,
          hasPreviousPage: false,
          startCursor: "Y3Vyc29y",
          endCursor: "Y3Vyc29y",
        },
        nodes: ROWS,
      },
    } satisfies SubscriptionsListQuery,
  },
  maxUsageCount: 2,
};

const reviewMock = (ids: string[], action: EligibilityAction, nodes: ReviewNode[], asking = false) => ({
  request: {
    query: SubscriptionsBulkReviewDocument,
    variables: { ids, first: ids.length, action, autoRenew: null, asking },
  },
  result: { data: { subscriptions: { __typename: "CustomerSubscriptionConnection", nodes } } },
});

const permissions = (options: Parameters<typeof makeViewer>[0]) => makeViewer(options).permissions;

describe("bulkActionsFor: the actions a user is offered", () => {
  it("a partner that bills acts itself; an indirect reseller asks its provider; read-only roles get none", () => {
    expect(bulkActionsFor(permissions({ types: ["INDIRECT_PROVIDER"] }))).toEqual([
      "AUTO_RENEW_OFF",
      "AUTO_RENEW_ON",
      "SUSPEND",
      "REACTIVATE",
      "CANCEL",
    ]);
    expect(bulkActionsFor(permissions({ types: ["INDIRECT_RESELLER"] }))).toEqual([
      "ASK_AUTO_RENEW_OFF",
      "ASK_AUTO_RENEW_ON",
      "ASK_SUSPEND",
      "ASK_REACTIVATE",
      "ASK_CANCEL",
    ]);
    for (const role of ["HELPDESK_AGENT", "BILLING_ADMIN"] as const) {
      expect(bulkActionsFor(permissions({ types: ["INDIRECT_PROVIDER"], role }))).toEqual([]);
      expect(bulkActionsFor(permissions({ types: ["INDIRECT_RESELLER"], role }))).toEqual([]);
    }
  });
});

describe("reviewLines: each row's own decision", () => {
  const selected = [1, 2, 3].map((n) => ({ id: id(n), offerName: `Offer ${n}`, customerName: `Customer ${n}` }));
  const subject = (n: number, blocking: Reason[], extra: Partial<ReviewSubject> = {}): ReviewSubject => ({
    ...reviewNode(n, `Offer ${n}`, decision("SUSPEND", blocking)),
    ...extra,
  });

  it("acting: eligible rows go, the others are refused with every reason; a row no longer visible is refused", () => {
    const lines = reviewLines("SUSPEND", selected, [subject(1, []), subject(2, [R15])], VIEWER_PARTNER);
    expect(lines.map((l) => [l.go, l.local])).toEqual([
      [true, null],
      [false, null],
      [false, "NOT_VISIBLE"],
    ]);
    expect(lines[1]!.decision.blocking.map((r) => r.ruleId)).toEqual(["R15m"]);
  });

  it("asking: the billing provider's own decision decides, not the reseller's minus R22; only the reseller of record may ask", () => {
    const mine = { resellerOfRecord: { id: VIEWER_PARTNER } };
    const lines = reviewLines(
      "ASK_SUSPEND",
      selected,
      [
        // The provider could do it: goes, whatever the reseller's own R22 says.
        subject(1, [R22], { ...mine, providerEligibility: decision("SUSPEND") }),
        // The reseller's decision minus R22 is empty, but the provider is deauthorized: refused with its reason.
        subject(2, [R22], { ...mine, providerEligibility: decision("SUSPEND", [R35D]) }),
        subject(3, [R22], { providerEligibility: null }),
      ],
      VIEWER_PARTNER,
    );
    expect(lines.map((l) => [l.go, l.local, l.provider?.name ?? null])).toEqual([
      [true, null, "Trey Research"],
      [false, null, "Trey Research"],
      [false, "NOT_YOUR_RESELLER_ROW", "Trey Research"],
    ]);
    // The reasons shown are the provider's: R22 (the reseller's) is not among them.
    expect(lines[0]!.decision.blocking).toEqual([]);
    expect(lines[1]!.decision.blocking.map((r) => r.ruleId)).toEqual(["R35d"]);
    const noProvider = reviewLines(
      "ASK_SUSPEND",
      selected.slice(0, 1),
      [subject(1, [R22], { ...mine, transactingPartner: null, providerEligibility: null })],
      VIEWER_PARTNER,
    );
    expect(noProvider[0]!.local).toBe("NO_PROVIDER");
    // A provider bills it, but the API decided nothing for it (no ACTIVE partnership with the reseller).
    const notPartnered = reviewLines(
      "ASK_SUSPEND",
      selected.slice(0, 1),
      [subject(1, [R22], { ...mine, providerEligibility: null })],
      VIEWER_PARTNER,
    );
    expect(notPartnered[0]).toMatchObject({ go: false, local: "NOT_PARTNERED" });
  });
});

describe("runBounded", () => {
  it("keeps at most `limit` calls in flight, answers in the items' order, and keeps going after a failure", async () => {
    let inFlight = 0;
    let most = 0;
    const settled: number[] = [];
    const results = await runBounded(
      [5, 1, 4, 2, 3, 0, 6],
      3,
      async (n) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, n));
        inFlight -= 1;
        if (n === 4) throw new Error("boom");
        return n * 10;
      },
      (index) => settled.push(index),
    );
    expect(most).toBe(3);
    expect(results.map((r) => (r instanceof Error ? r.message : r))).toEqual([50, 10, "boom", 20, 30, 0, 60]);
    expect(settled.sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});

describe("SubscriptionListView: bulk actions", () => {
  it("reviews each selected row, sends only the eligible ones on confirmation, and shows each row's result", async () => {
    const suspendMock = {
      request: {
        query: BulkSuspendSubscriptionDocument,
        variables: { input: { subscriptionId: id(1), expectedVersion: 3 } },
      },
      result: {
        data: {
          suspendSubscription: {
            __typename: "SubscriptionPayload",
            subscription: {
              __typename: "CustomerSubscription",
              id: id(1),
              status: "SUSPENDED",
              autoRenew: true,
              version: 4,
            },
            userErrors: [],
          },
        },
      },
    };
    const suspendRefused = {
      request: {
        query: BulkSuspendSubscriptionDocument,
        variables: { input: { subscriptionId: id(3), expectedVersion: 3 } },
      },
      result: {
        data: {
          suspendSubscription: {
            __typename: "SubscriptionPayload",
            subscription: null,
            userErrors: [userError(null, "The subscription changed since you looked at it.", "VERSION_CONFLICT")],
          },
        },
      },
    };
    renderView(<SubscriptionListView />, {
      url: "/subscriptions",
      viewer: makeViewer({ types: ["INDIRECT_PROVIDER"] }),
      mocks: [
        listMock,
        reviewMock([id(1), id(2), id(3)], "SUSPEND", [
          reviewNode(1, "Microsoft 365 E3", decision("SUSPEND")),
          reviewNode(2, "Office 365 E1", decision("SUSPEND", [R15])),
          reviewNode(3, "Teams Phone", decision("SUSPEND")),
        ]),
        suspendMock,
        suspendRefused,
      ],
    });

    await screen.findByText("Microsoft 365 E3");
    expect(screen.queryByRole("region", { name: "Bulk actions" })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("checkbox", { name: "Select every subscription on this page" }));
    const bulk = screen.getByRole("region", { name: "Bulk actions" });
    expect(within(bulk).getByText("3 subscriptions selected")).toBeInTheDocument();
    await userEvent.selectOptions(within(bulk).getByLabelText("Action"), "SUSPEND");
    await userEvent.click(within(bulk).getByRole("button", { name: "Review" }));

    const heading = await within(bulk).findByRole("heading", { name: "Review: Suspend" });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(
      within(bulk).getByText(/2 subscriptions will be sent\. 1 is refused and will be skipped\./),
    ).toBeInTheDocument();
    const refused = bulk.querySelector(`[data-row="${id(2)}"]`) as HTMLElement;
    expect(within(refused).getByText("Refused: skipped")).toBeInTheDocument();
    expect(refused).toHaveTextContent(/Only an active subscription can be suspended\.\s*\(Rule R15m/);

    await userEvent.click(within(bulk).getByRole("button", { name: "Send 2 now" }));
    const results = await within(bulk).findByRole("heading", { name: "Result: Suspend" });
    await waitFor(() => expect(results).toHaveFocus());
    expect(within(bulk).getByText("Done: 1. Refused: 2. Failed: 0.")).toBeInTheDocument();
    const line = (n: number) => bulk.querySelector(`[data-row="${id(n)}"]`) as HTMLElement;
    expect(within(line(1)).getByText("Done")).toBeInTheDocument();
    expect(within(line(2)).getByText("Refused: not sent")).toBeInTheDocument();
    expect(line(2)).toHaveTextContent(/Rule R15m/);
    expect(within(line(3)).getByText("Refused")).toBeInTheDocument();
    expect(line(3)).toHaveTextContent("The subscription changed since you looked at it.");

    await userEvent.click(within(bulk).getByRole("button", { name: "Close" }));
    await waitFor(() => expect(screen.queryByRole("region", { name: "Bulk actions" })).not.toBeInTheDocument());
    expect(screen.getByRole("checkbox", { name: "Select every subscription on this page" })).not.toBeChecked();
  });

  it("sends nothing before confirmation: going back leaves the selection and no mutation runs", async () => {
    // No mutation mock: a mutation sent would fail the review's "nothing sent" promise with an error row.
    renderView(<SubscriptionListView />, {
      url: "/subscriptions",
      viewer: makeViewer({ types: ["INDIRECT_PROVIDER"] }),
      mocks: [listMock, reviewMock([id(2)], "CANCEL", [reviewNode(2, "Office 365 E1", decision("CANCEL"))])],
    });
    await userEvent.click(await screen.findByRole("checkbox", { name: "Select Office 365 E1 of Customer 2" }));
    const bulk = screen.getByRole("region", { name: "Bulk actions" });
    await userEvent.selectOptions(within(bulk).getByLabelText("Action"), "CANCEL");
    await userEvent.click(within(bulk).getByRole("button", { name: "Review" }));
    expect(await within(bulk).findByText("Nothing has been sent yet.", { exact: false })).toBeInTheDocument();
    await userEvent.click(within(bulk).getByRole("button", { name: "Back" }));
    expect(within(bulk).getByText("1 subscription selected")).toBeInTheDocument();
    expect(within(bulk).queryByRole("heading")).not.toBeInTheDocument();
  });

  it("a reseller asks its provider for each row it resells; the result names the provider", async () => {
    const mine = { resellerOfRecord: { __typename: "Partner" as const, id: VIEWER_PARTNER, name: "Wingtip Toys" } };
    const askMock = {
      request: {
        query: BulkAskProviderDocument,
        variables: {
          input: { action: "SUSPEND", providerId: PROVIDER.id, customerId: "Q3VzdG9tZXI61", subscriptionId: id(1) },
        },
      },
      result: {
        data: {
          requestProviderAction: {
            __typename: "RequestProviderActionPayload",
            providerRequest: {
              __typename: "ProviderRequest",
              id: "UHJvdmlkZXJSZXF1ZXN0OjE",
              action: "SUSPEND",
              status: "OPEN",
            },
            providerDecision: decision("SUSPEND"),
            userErrors: [],
          },
        },
      },
    };
    renderView(<SubscriptionListView />, {
      url: "/subscriptions",
      viewer: makeViewer({ types: ["INDIRECT_RESELLER"] }),
      mocks: [
        listMock,
        reviewMock(
          [id(1)],
          "SUSPEND",
          [
            reviewNode(1, "Microsoft 365 E3", decision("SUSPEND", [R22]), {
              ...mine,
              providerEligibility: decision("SUSPEND"),
            }),
          ],
          true,
        ),
        askMock,
      ],
    });
    await userEvent.click(await screen.findByRole("checkbox", { name: "Select Microsoft 365 E3 of Customer 1" }));
    const bulk = screen.getByRole("region", { name: "Bulk actions" });
    await userEvent.selectOptions(within(bulk).getByLabelText("Action"), "ASK_SUSPEND");
    await userEvent.click(within(bulk).getByRole("button", { name: "Review" }));
    expect(await within(bulk).findByText("Will ask Trey Research")).toBeInTheDocument();
    await userEvent.click(within(bulk).getByRole("button", { name: "Send 1 now" }));
    expect(await within(bulk).findByText("Asked Trey Research")).toBeInTheDocument();
  });

  it("a reseller's review shows the provider's decision, says so, and skips what the provider could not do", async () => {
    const mine = { resellerOfRecord: { __typename: "Partner" as const, id: VIEWER_PARTNER, name: "Wingtip Toys" } };
    renderView(<SubscriptionListView />, {
      url: "/subscriptions",
      viewer: makeViewer({ types: ["INDIRECT_RESELLER"] }),
      mocks: [
        listMock,
        reviewMock(
          [id(1), id(2)],
          "SUSPEND",
          [
            reviewNode(1, "Microsoft 365 E3", decision("SUSPEND", [R22]), {
              ...mine,
              providerEligibility: decision("SUSPEND"),
            }),
            reviewNode(2, "Office 365 E1", decision("SUSPEND", [R22]), {
              ...mine,
              providerEligibility: decision("SUSPEND", [R35D]),
            }),
          ],
          true,
        ),
      ],
    });
    await userEvent.click(await screen.findByRole("checkbox", { name: "Select Microsoft 365 E3 of Customer 1" }));
    await userEvent.click(screen.getByRole("checkbox", { name: "Select Office 365 E1 of Customer 2" }));
    const bulk = screen.getByRole("region", { name: "Bulk actions" });
    await userEvent.selectOptions(within(bulk).getByLabelText("Action"), "ASK_SUSPEND");
    await userEvent.click(within(bulk).getByRole("button", { name: "Review" }));
    expect(
      await within(bulk).findByText(/Each row shows the decision of the provider that bills it/),
    ).toBeInTheDocument();
    const refused = bulk.querySelector(`[data-row="${id(2)}"]`) as HTMLElement;
    expect(within(refused).getByText("Trey Research could not do it: skipped")).toBeInTheDocument();
    expect(within(refused).getByText("A deauthorized partner cannot suspend subscriptions.")).toBeInTheDocument();
    // R22 is the reseller's own reason: never shown when asking.
    expect(within(bulk).queryByText("Ask your indirect provider to do it for you.")).not.toBeInTheDocument();
    const going = bulk.querySelector(`[data-row="${id(1)}"]`) as HTMLElement;
    expect(within(going).getByText("Will ask Trey Research")).toBeInTheDocument();
    expect(within(bulk).getByRole("button", { name: "Send 1 now" })).toBeEnabled();
  });

  it("read-only roles see no bulk controls", async () => {
    renderView(<SubscriptionListView />, {
      url: "/subscriptions",
      viewer: makeViewer({ types: ["INDIRECT_PROVIDER"], role: "HELPDESK_AGENT" }),
      mocks: [listMock],
    });
    await screen.findByText("Microsoft 365 E3");
    expect(screen.queryByRole("checkbox", { name: /Select/ })).not.toBeInTheDocument();
  });

  it("speaks Portuguese", async () => {
    renderView(<SubscriptionListView />, {
      url: "/subscriptions",
      locale: "pt-PT",
      viewer: makeViewer({ types: ["INDIRECT_PROVIDER"] }),
      mocks: [listMock],
    });
    await userEvent.click(
      await screen.findByRole("checkbox", { name: "Selecionar todas as subscrições desta página" }),
    );
    expect(screen.getByText("3 subscrições selecionadas")).toBeInTheDocument();
    expect(screen.getByRole("option", { name: "Desativar a renovação automática" })).toBeInTheDocument();
  });
});
