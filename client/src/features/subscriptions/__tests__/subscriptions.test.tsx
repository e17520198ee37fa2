import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  SubscriptionsListDocument,
  SubscriptionsResellerOptionsDocument,
  type EligibilityAction,
  type SubscriptionsListQuery,
} from "../../../graphql/generated";
import { makeViewer, renderView } from "../../../testing/harness";
import { SubscriptionListView } from "../SubscriptionListView";
import { SubscriptionTable, type SubscriptionRow } from "../components/SubscriptionTable";

type Decision = SubscriptionRow["eligibility"];
type Reason = Decision["blocking"][number];

const reason = (
  ruleId: string,
  code: Reason["code"],
  message: string,
  severity: Reason["severity"] = "BLOCKING",
): Reason => ({
  __typename: "EligibilityReason",
  ruleId,
  code,
  message,
  severity,
  source: "https://learn.microsoft.com/en-us/partner-center/enroll/indirect-reseller-tasks-in-partner-center",
  sourceTitle: "Indirect reseller tasks in Partner Center",
});

const decision = (action: EligibilityAction, blocking: Reason[] = [], advisories: Reason[] = []): Decision => ({
  __typename: "EligibilityDecision",
  action,
  eligible: blocking.length === 0,
  asOf: "2026-11-25",
  blocking,
  advisories,
});

function sub(
  n: number,
  offerName: string,
  eligibility: Decision,
  extra: Partial<SubscriptionRow> = {},
): SubscriptionRow {
  return {
    __typename: "CustomerSubscription",
    id: `Q3VzdG9tZXJTdWJzY3JpcHRpb246${n}`,
    offerName,
    offerKind: "LICENSE_BASED",
    commerceModel: "NEW_COMMERCE",
    channel: "CSP",
    status: "ACTIVE",
    quantity: 10 + n,
    commitmentEndDate: "2026-12-01",
    termDuration: "P1Y",
    autoRenew: true,
    customer: { __typename: "Customer", id: `Q3VzdG9tZXI6${n}`, name: `Customer ${n}` },
    transactingPartner: { __typename: "Partner", id: "UGFydG5lcjp0cmV5", name: "Trey Research" },
    resellerOfRecord: { __typename: "Partner", id: "UGFydG5lcjp3aW5ndGlw", name: "Wingtip Toys" },
    parentSubscription: null,
    eligibility,
    ...extra,
  };
}

const R22 = reason(
  "R22",
  "INDIRECT_RESELLER_MUST_USE_PROVIDER",
  "An indirect reseller cannot do this itself. Ask your indirect provider to do it on your behalf.",
);
const R30 = reason("R30", "CANCELLATION_WINDOW_CLOSED", "The 7-day cancellation window has closed.");
const R7a = reason(
  "R7a",
  "NON_CSP_CHANNEL_REQUIRES_REPROVISION",
  "You can support it but not take it over.",
  "ADVISORY",
);

function renderTable(rows: SubscriptionRow[], action: EligibilityAction) {
  return renderView(<SubscriptionTable rows={rows} action={action} viewerPartnerId="UGFydG5lcjp0cmV5" />);
}

describe("SubscriptionTable: eligibility per row", () => {
  it("shows a badge per row and opens every reason on demand", async () => {
    renderTable(
      [
        sub(1, "Microsoft 365 E3", decision("CANCEL", [R22, R30])),
        sub(2, "Office 365 E1", decision("CANCEL")),
        sub(3, "Dynamics 365 (EA)", decision("CANCEL", [], [R7a]), { channel: "EA", transactingPartner: null }),
      ],
      "CANCEL",
    );

    expect(screen.getByRole("columnheader", { name: "Cancel?" })).toBeInTheDocument();
    const [, first, second, third] = screen.getAllByRole("row") as HTMLElement[];

    // Blocked: the badge's title gives the reasons in words with their rules; the reasons open below the row.
    const badge = within(first!).getByText("Not allowed");
    expect(badge.getAttribute("title")).toMatch(/Ask your indirect provider.*\(Rule R22\).*\(Rule R30\)$/);
    expect(badge.getAttribute("title")).not.toContain("CANCELLATION_WINDOW_CLOSED");
    const toggle = within(first!).getByRole("button", { name: "Why (2)" });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    expect(screen.queryByText(/Ask your indirect provider/)).not.toBeInTheDocument();

    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    expect(toggle).toHaveTextContent("Hide reasons");
    const panel = document.getElementById(toggle.getAttribute("aria-controls")!)!;
    expect(panel).toBeVisible();
    const reasons = within(panel).getAllByRole("listitem");
    expect(reasons[0]).toHaveTextContent(
      /^An indirect reseller cannot do this itself\. Ask your indirect provider.*\(Rule R22 · Source: /,
    );
    expect(
      within(reasons[0]!).getByRole("link", { name: "Indirect reseller tasks in Partner Center" }),
    ).toHaveAttribute(
      "href",
      "https://learn.microsoft.com/en-us/partner-center/enroll/indirect-reseller-tasks-in-partner-center",
    );
    expect(reasons[1]).toHaveTextContent("Rule R30");
    expect(reasons[1]).not.toHaveTextContent("CANCELLATION_WINDOW_CLOSED");

    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    expect(panel).not.toBeVisible();

    // Allowed, no reasons: no disclosure button.
    expect(within(second!).getByText("Allowed")).toBeInTheDocument();
    expect(within(second!).queryByRole("button")).not.toBeInTheDocument();

    // Allowed with an advisory: the badge says so, and the note is one click away.
    // A word, not a symbol glyph that Linux fonts may lack.
    expect(within(third!).getByText(/Allowed/)).toHaveTextContent("Allowed · note");
    expect(within(third!).getByText("outside CSP")).toBeInTheDocument();
    await userEvent.click(within(third!).getByRole("button", { name: "Why (1)" }));
    expect(screen.getByText(/You can support it but not take it over/).closest("li")).toHaveTextContent(
      /^Note: You can support it but not take it over\. \(Rule R7a/,
    );
  });

  it("links each subscription to its customer and shows who bills it", () => {
    renderTable([sub(1, "Microsoft 365 E3", decision("SUPPORT"))], "SUPPORT");
    const links = screen.getAllByRole("link", { name: "Customer 1" });
    expect(links[0]).toHaveAttribute("href", "/customers/Q3VzdG9tZXI61");
    expect(screen.getByText("You")).toBeInTheDocument();
    expect(screen.getByText("Wingtip Toys")).toBeInTheDocument();
  });
});

function listResult(rows: SubscriptionRow[], totalCount = rows.length): SubscriptionsListQuery {
  return {
    subscriptions: {
      __typename: "CustomerSubscriptionConnection",
      totalCount,
      pageInfo: {
        __typename: "PageInfo",
        hasNextPage: totalCount > rows.length,
        hasPreviousPage: false,
        startCursor: "Y3Vyc29y",
        endCursor: "Y3Vyc29y",
      },
      nodes: rows,
    },
  };
}

const listMock = (variables: Record<string, unknown>, rows: SubscriptionRow[], totalCount?: number) => ({
  request: { query: SubscriptionsListDocument, variables },
  result: { data: listResult(rows, totalCount) },
});

describe("SubscriptionListView", () => {
  it("takes filters and the action from the URL, and a new action from the selector", async () => {
    const filter = {
      status: ["SUSPENDED"],
      channel: ["CSP", "EA"],
      offerKind: "LICENSE_BASED",
      termEndsBefore: "2026-12-31",
      search: "365",
    };
    renderView(<SubscriptionListView />, {
      url: "/subscriptions?status=SUSPENDED&channel=EA,CSP&offerKind=LICENSE_BASED&termEndsBefore=2026-12-31&search=365&action=CANCEL",
      viewer: makeViewer({ types: ["DIRECT_BILL"] }),
      mocks: [
        listMock(
          {
            first: 20,
            after: null,
            last: null,
            before: null,
            orderBy: null,
            filter,
            action: "CANCEL",
            resellerId: null,
          },
          [sub(1, "Microsoft 365 E3", decision("CANCEL", [R30]))],
          41,
        ),
        listMock(
          {
            first: 20,
            after: null,
            last: null,
            before: null,
            orderBy: null,
            filter,
            action: "SUSPEND",
            resellerId: null,
          },
          [sub(1, "Microsoft 365 E3", decision("SUSPEND"))],
          41,
        ),
      ],
    });

    expect(await screen.findByText("Not allowed")).toBeInTheDocument();
    expect(screen.getByLabelText("Suspended")).toBeChecked();
    expect(screen.getByLabelText("Active")).not.toBeChecked();
    expect(screen.getByLabelText("Enterprise Agreement")).toBeChecked();
    expect(screen.getByLabelText("Offer name")).toHaveValue("365");
    expect(screen.getByText("41 in total")).toBeInTheDocument();

    await userEvent.selectOptions(screen.getByLabelText("Check what you may do"), "SUSPEND");
    expect(await screen.findByRole("columnheader", { name: "Suspend?" })).toBeInTheDocument();
    expect(await screen.findByText("Allowed")).toBeInTheDocument();
    expect(screen.getByTestId("location")).toHaveTextContent("action=SUSPEND");
  });

  it("shows live subscriptions by default and writes filter changes to the URL", async () => {
    const base = {
      first: 20,
      after: null,
      last: null,
      before: null,
      orderBy: null,
      action: "SUPPORT",
      resellerId: null,
    };
    renderView(<SubscriptionListView />, {
      url: "/subscriptions",
      viewer: makeViewer({ types: ["DIRECT_BILL"] }),
      mocks: [
        listMock(
          { ...base, filter: { status: ["ACTIVE", "SUSPENDED"] } },
          [sub(1, "Microsoft 365 E3", decision("SUPPORT"))],
          30,
        ),
        listMock({ ...base, filter: { status: ["ACTIVE", "SUSPENDED"], channel: ["EA"] } }, []),
      ],
    });
    expect(await screen.findByText("Microsoft 365 E3")).toBeInTheDocument();
    expect(screen.getByLabelText("Active")).toBeChecked();

    await userEvent.click(screen.getByLabelText("Enterprise Agreement"));
    await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent("/subscriptions?channel=EA"));
    expect(await screen.findByText("No subscriptions match these filters.")).toBeInTheDocument();
  });

  it("sends resellers to their provider for actions they cannot take", async () => {
    renderView(<SubscriptionListView />, {
      url: "/subscriptions?action=CANCEL",
      viewer: makeViewer({ types: ["INDIRECT_RESELLER"] }),
      mocks: [
        listMock(
          {
            first: 20,
            after: null,
            last: null,
            before: null,
            orderBy: null,
            filter: { status: ["ACTIVE", "SUSPENDED"] },
            action: "CANCEL",
            resellerId: null,
          },
          [sub(1, "Microsoft 365 E3", decision("CANCEL", [R22]))],
        ),
      ],
    });
    expect(await screen.findByText("Not allowed")).toBeInTheDocument();
    expect(screen.getByRole("note")).toHaveTextContent("Your provider does this for you");
    expect(within(screen.getByRole("note")).getByRole("link", { name: "Your providers" })).toHaveAttribute(
      "href",
      "/providers",
    );
  });

  it("lets a provider name the reseller it would transfer for (R19)", async () => {
    const reseller = "UGFydG5lcjp3aW5ndGlw";
    const base = {
      first: 20,
      after: null,
      last: null,
      before: null,
      orderBy: null,
      filter: { status: ["ACTIVE", "SUSPENDED"] },
      action: "TRANSFER",
    };
    renderView(<SubscriptionListView />, {
      url: "/subscriptions?action=TRANSFER",
      mocks: [
        {
          request: { query: SubscriptionsResellerOptionsDocument },
          result: {
            data: {
              resellers: {
                __typename: "ResellerPartnershipConnection",
                nodes: [
                  {
                    __typename: "ResellerPartnership",
                    id: "UmVzZWxsZXJQYXJ0bmVyc2hpcDox",
                    reseller: { __typename: "Partner", id: reseller, name: "Wingtip Toys" },
                  },
                ],
              },
            },
          },
        },
        listMock({ ...base, resellerId: null }, [
          sub(1, "Microsoft 365 E3", decision("TRANSFER", [reason("R19", "RESELLER_ID_REQUIRED", "Name a reseller.")])),
        ]),
        listMock({ ...base, resellerId: reseller }, [sub(1, "Microsoft 365 E3", decision("TRANSFER"))]),
      ],
    });
    expect(await screen.findByText("Not allowed")).toBeInTheDocument();
    const picker = screen.getByLabelText("On behalf of reseller");
    await within(picker).findByRole("option", { name: "Wingtip Toys" });
    await userEvent.selectOptions(picker, reseller);
    expect(await screen.findByText("Allowed")).toBeInTheDocument();
    expect(screen.getByTestId("location")).toHaveTextContent(`for=${reseller}`);
  });
});
