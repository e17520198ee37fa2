import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import {
  ActivityListDocument,
  CustomerListDocument,
  NetworkEndPartnershipDocument,
  RecordPartnerFactsDocument,
  RequestsListDocument,
  ResellerPageDocument,
  SubscriptionsListDocument,
  type CustomerListQuery,
  type PartnershipStatus,
  type ResellerPageQuery,
} from "../../../graphql/generated";
import { makeViewer, renderView, userError } from "../../../testing/harness";
import { providerRequest, RESELLER_ID } from "../../requests/__tests__/fixtures";
import { ResellerView } from "../ResellerView";
import { ResellerLink } from "../components/ResellerLink";

const PATH = "/resellers/:resellerId";
const URL = `/resellers/${RESELLER_ID}`;
const PARTNERSHIP_ID = "UmVzZWxsZXJQYXJ0bmVyc2hpcDox";

function partnership(status: PartnershipStatus = "ACTIVE"): ResellerPageQuery {
  const active = status === "ACTIVE";
  return {
    reseller: {
      __typename: "ResellerPartnership",
      id: PARTNERSHIP_ID,
      status,
      invitedAt: "2025-03-01T00:00:00.000Z",
      acceptedAt: status === "INVITED" ? null : "2025-03-04T00:00:00.000Z",
      removedAt: null,
      complianceFlags: status === "INVITED" ? null : ["MPA_NOT_SIGNED"],
      counts: active ? { __typename: "PartnershipCounts", customers: 1, subscriptions: 249 } : null,
      reseller: {
        __typename: "Partner",
        id: RESELLER_ID,
        name: "Wingtip Toys",
        partnerId: "5555555",
        country: status === "INVITED" ? null : "PT",
        tenantId: null,
        mpaSigned: status === "INVITED" ? null : false,
        programStatus: status === "INVITED" ? null : "SUSPENDED",
        types: ["INDIRECT_RESELLER"],
        recordedFacts: status === "INVITED" ? null : ["PROGRAM_STATUS"],
        factProvenance:
          status === "INVITED"
            ? null
            : [
                {
                  __typename: "RecordedPartnerFact",
                  fact: "PROGRAM_STATUS",
                  recordedAt: "2026-11-20T10:00:00.000Z",
                  recordedBy: "YOUR_ORGANIZATION",
                },
              ],
      },
    },
  };
}

const pageMock = (status: PartnershipStatus = "ACTIVE") => ({
  request: { query: ResellerPageDocument, variables: { id: RESELLER_ID } },
  result: { data: partnership(status) },
});

const customers: CustomerListQuery = {
  customers: {
    __typename: "CustomerConnection",
    totalCount: 1,
    pageInfo: { __typename: "PageInfo", hasNextPage: false, hasPreviousPage: false, startCursor: "c", endCursor: "c" },
    nodes: [
      {
        __typename: "Customer",
        id: "Q3VzdG9tZXI6Y29udG9zbw",
        name: "Contoso Ltd.",
        domain: "contoso.onmicrosoft.com",
        country: "PT",
        channels: ["CSP"],
        hasNonCspSubscriptions: false,
        mcaAccepted: true,
        relationships: [],
        subscriptionSummary: null,
      } as unknown as CustomerListQuery["customers"]["nodes"][number],
    ],
  },
};

const PAGE = { after: null, last: null, before: null };
const customersMock = (orderBy: unknown = null) => ({
  request: {
    query: CustomerListDocument,
    variables: { filter: { resellerId: RESELLER_ID }, first: 20, ...PAGE, orderBy },
  },
  result: { data: customers },
});

const subscriptionsMock = {
  request: {
    query: SubscriptionsListDocument,
    variables: {
      first: 10,
      ...PAGE,
      orderBy: null,
      filter: { resellerId: RESELLER_ID, status: ["ACTIVE", "SUSPENDED"] },
      action: "SUPPORT",
      resellerId: null,
    },
  },
  result: {
    data: {
      subscriptions: {
        __typename: "CustomerSubscriptionConnection",
        totalCount: 0,
        pageInfo: {
          __typename: "PageInfo",
          hasNextPage: false,
          hasPreviousPage: false,
          startCursor: null,
          endCursor: null,
        },
        nodes: [],
      },
    },
  },
};

const requestsMock = {
  request: {
    query: RequestsListDocument,
    variables: { filter: { resellerId: RESELLER_ID, status: ["OPEN"], direction: "RECEIVED" }, first: 10, after: null },
  },
  result: {
    data: {
      providerRequests: {
        __typename: "ProviderRequestConnection",
        totalCount: 1,
        pageInfo: {
          __typename: "PageInfo",
          hasNextPage: false,
          hasPreviousPage: false,
          startCursor: null,
          endCursor: null,
        },
        nodes: [providerRequest()],
      },
    },
  },
};

const activityMock = {
  request: { query: ActivityListDocument, variables: { first: 20, filter: { resellerId: RESELLER_ID } } },
  result: {
    data: {
      auditEvents: {
        __typename: "AuditEventConnection",
        totalCount: 1,
        pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: null },
        nodes: [
          {
            __typename: "AuditEvent",
            id: "e1",
            occurredAt: "2026-11-20T10:00:00.000Z",
            operation: "resolveProviderRequest",
            outcome: "ACCEPTED",
            requestId: "r1",
            actor: { __typename: "AuditActor", kind: "USER", name: "megan@treyresearch.example" },
            decision: null,
            userErrors: [],
            changes: [
              {
                __typename: "AuditChange",
                type: "ProviderRequest",
                fields: [{ __typename: "AuditFieldChange", field: "status", before: "OPEN", after: "DECLINED" }],
              },
            ],
          },
        ],
      },
    },
  },
};

const ACTIVE_MOCKS = [pageMock(), customersMock(), subscriptionsMock, requestsMock, activityMock];

describe("ResellerView", () => {
  it("shows the reseller's facts, compliance, customers and open requests, with links to the full lists", async () => {
    renderView(<ResellerView />, { path: PATH, url: URL, mocks: ACTIVE_MOCKS });

    expect(await screen.findByRole("heading", { level: 1, name: "Wingtip Toys" })).toBeInTheDocument();
    expect(screen.getByText("5555555")).toBeInTheDocument();
    expect(screen.getByText("PT")).toBeInTheDocument();
    expect(screen.getByText("1 customers, 249 live subscriptions")).toBeInTheDocument();
    // The program status was recorded in channelgate (recordPartnerFacts); the MPA came from Partner Center.
    expect(screen.getByText("Suspended")).toBeInTheDocument();
    expect(screen.getAllByText(/recorded in channelgate/)).toHaveLength(1);
    const compliance = screen.getByRole("region", { name: "Compliance" });
    expect(within(compliance).getByText("MPA not signed")).toBeInTheDocument();

    const customersSection = screen.getByRole("region", { name: "Customers" });
    expect(await within(customersSection).findByRole("link", { name: "Contoso Ltd." })).toBeInTheDocument();
    expect(within(customersSection).getByText("Page 1 of 1")).toBeInTheDocument();

    const requests = screen.getByRole("region", { name: "Open requests from this reseller" });
    expect(await within(requests).findAllByTestId("request-row")).toHaveLength(1);
    expect(within(requests).getByRole("link", { name: "1 open request in the requests list" })).toHaveAttribute(
      "href",
      `/requests?reseller=${RESELLER_ID}&status=OPEN`,
    );
    expect(
      await screen.findByText("No live subscription names this reseller as reseller of record."),
    ).toBeInTheDocument();
  });

  it("shows what the provider did about the reseller: its activity, filtered by the reseller", async () => {
    renderView(<ResellerView />, { path: PATH, url: URL, mocks: ACTIVE_MOCKS });
    const activity = await screen.findByRole("region", { name: "Activity" });
    expect(within(activity).getByText(/The reseller's own actions are in its own log/)).toBeInTheDocument();
    expect(await within(activity).findByText("ProviderRequest.status: OPEN → DECLINED")).toBeInTheDocument();
    expect(within(activity).getByText("megan@treyresearch.example")).toBeInTheDocument();
    expect(within(activity).getByRole("button", { name: "Download CSV" })).toBeInTheDocument();
  });

  it("shows no activity section to a role that cannot read the audit log", async () => {
    renderView(<ResellerView />, {
      path: PATH,
      url: URL,
      mocks: ACTIVE_MOCKS,
      viewer: makeViewer({ role: "HELPDESK_AGENT" }),
    });
    expect(await screen.findByRole("heading", { level: 1, name: "Wingtip Toys" })).toBeInTheDocument();
    expect(await screen.findByRole("region", { name: "Customers" })).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Activity" })).not.toBeInTheDocument();
  });

  it("sorts its customers through the URL", async () => {
    const user = userEvent.setup();
    renderView(<ResellerView />, {
      path: PATH,
      url: URL,
      mocks: [...ACTIVE_MOCKS, customersMock({ field: "NAME", direction: "ASC" })],
    });
    const section = await screen.findByRole("region", { name: "Customers" });
    await within(section).findByRole("link", { name: "Contoso Ltd." });
    await user.click(within(section).getByRole("button", { name: /^Customer/ }));
    await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent("sort=NAME%3AASC"));
  });

  it("ends the partnership after a confirmation that states what it affects", async () => {
    const user = userEvent.setup();
    renderView(<ResellerView />, {
      path: PATH,
      url: URL,
      mocks: [
        ...ACTIVE_MOCKS,
        {
          request: { query: NetworkEndPartnershipDocument, variables: { input: { partnershipId: PARTNERSHIP_ID } } },
          result: {
            data: {
              endResellerPartnership: {
                __typename: "PartnershipPayload",
                partnership: { ...partnership().reseller, status: "REMOVED", counts: null },
                userErrors: [],
              },
            },
          },
        },
        pageMock("REMOVED"),
      ],
    });
    await user.click(await screen.findByRole("button", { name: "End partnership with Wingtip Toys" }));
    expect(screen.getByText(/It has 1 customer and 249 subscriptions in your network/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Yes, end it" }));
    expect(await screen.findByText("The partnership with Wingtip Toys has ended.")).toBeInTheDocument();
  });

  it("offers to withdraw an invitation and shows no network data before it is accepted", async () => {
    renderView(<ResellerView />, { path: PATH, url: URL, mocks: [pageMock("INVITED"), activityMock] });
    expect(await screen.findByRole("button", { name: "Withdraw invitation to Wingtip Toys" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /End partnership/ })).not.toBeInTheDocument();
    expect(screen.getByText(/The invitation is not accepted yet/)).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Customers" })).not.toBeInTheDocument();
  });

  it("says so, with a main heading, for a reseller that is not the viewer's (NOT_FOUND)", async () => {
    renderView(<ResellerView />, {
      path: PATH,
      url: URL,
      mocks: [
        {
          request: { query: ResellerPageDocument, variables: { id: RESELLER_ID } },
          result: { errors: [new GraphQLError("Reseller not found", { extensions: { code: "NOT_FOUND" } })] },
        },
      ],
    });
    expect(await screen.findByRole("heading", { level: 1, name: "Reseller not found" })).toBeInTheDocument();
  });

  it("is in Portuguese too", async () => {
    renderView(<ResellerView />, { path: PATH, url: URL, mocks: ACTIVE_MOCKS, locale: "pt-PT" });
    expect(await screen.findByRole("heading", { level: 1, name: "Wingtip Toys" })).toBeInTheDocument();
    expect(screen.getByText("ID de parceiro (MPN)")).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "Conformidade" })).toBeInTheDocument();
  });

  it("tells a partner that is not a provider that the page is for providers", () => {
    renderView(<ResellerView />, { path: PATH, url: URL, viewer: makeViewer({ types: ["INDIRECT_RESELLER"] }) });
    expect(screen.getByRole("heading", { level: 1, name: "Resellers" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /End partnership/ })).not.toBeInTheDocument();
  });
});

/** recordPartnerFacts for the reseller's program status, answered with the partner (or refused with `errors`). */
function recordStatusMock(programStatus: string, errors: ReturnType<typeof userError>[] = []) {
  const r = partnership().reseller.reseller;
  return {
    request: { query: RecordPartnerFactsDocument, variables: { input: { partnerId: RESELLER_ID, programStatus } } },
    result: {
      data: {
        recordPartnerFacts: {
          __typename: "PartnerFactsPayload",
          partner: errors.length
            ? null
            : {
                __typename: "Partner",
                id: r.id,
                name: r.name,
                types: r.types,
                canTransact: false,
                programStatus,
                mpaSigned: r.mpaSigned,
                recordedFacts: ["PROGRAM_STATUS"],
                factProvenance: [
                  {
                    __typename: "RecordedPartnerFact",
                    fact: "PROGRAM_STATUS",
                    recordedAt: "2026-12-01T09:00:00.000Z",
                    recordedBy: "YOUR_ORGANIZATION",
                  },
                ],
              },
          userErrors: errors,
        },
      },
    },
  };
}

describe("ResellerView: recording the reseller's program status (recordPartnerFacts)", () => {
  const openLabel = "Record program status of Wingtip Toys";
  /** The program status fact's value (not the form's options nor the partnership's badge). */
  const statusFact = () => screen.getByText("CSP program status", { selector: "dt" }).nextElementSibling;

  it("a global admin records it beside the fact; the page shows the new value and who recorded it when", async () => {
    const user = userEvent.setup();
    renderView(<ResellerView />, { path: PATH, url: URL, mocks: [...ACTIVE_MOCKS, recordStatusMock("ACTIVE")] });
    const open = await screen.findByRole("button", { name: openLabel });
    expect(screen.getByText(/^CSP program status: Recorded by your organization on /)).toBeInTheDocument();
    await user.click(open);
    expect(open).toHaveAttribute("aria-expanded", "true");
    const form = screen.getByRole("form", { name: "Record Wingtip Toys's program status" });
    // A provider records the status only: the reseller's MPA comes from Partner Center.
    expect(within(form).queryByRole("checkbox")).not.toBeInTheDocument();
    const status = within(form).getByRole("combobox", { name: "CSP program status" });
    expect(status).toHaveValue("SUSPENDED");
    await user.selectOptions(status, "ACTIVE");
    await user.click(within(form).getByRole("button", { name: "Record" }));

    expect(await screen.findByText("The program status of Wingtip Toys was recorded.")).toBeInTheDocument();
    expect(screen.queryByRole("form")).not.toBeInTheDocument();
    expect(statusFact()).toHaveTextContent(/^Active/);
    // FormPanel gives the focus back in its effect's cleanup, which React runs after the commit.
    await waitFor(() => expect(open).toHaveFocus());
  });

  it("shows a refusal beside the field it names, focused; Escape closes the form", async () => {
    const user = userEvent.setup();
    renderView(<ResellerView />, {
      path: PATH,
      url: URL,
      mocks: [
        ...ACTIVE_MOCKS,
        recordStatusMock("DEAUTHORIZED", [userError("programStatus", "Not allowed for this partner.", "NOT_ALLOWED")]),
      ],
    });
    await user.click(await screen.findByRole("button", { name: openLabel }));
    const status = screen.getByRole("combobox", { name: "CSP program status" });
    await user.selectOptions(status, "DEAUTHORIZED");
    await user.click(screen.getByRole("button", { name: "Record" }));
    await waitFor(() => expect(status).toHaveAttribute("aria-invalid", "true"));
    expect(status).toHaveAccessibleDescription("Not allowed for this partner.");
    expect(status).toHaveFocus();
    // Nothing was recorded: the value stays.
    expect(statusFact()).toHaveTextContent(/^Suspended/);
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("form")).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("button", { name: openLabel })).toHaveFocus());
  });

  it("offers nothing to a role that may not record (sales agent), nor for a reseller not active", async () => {
    const { unmount } = renderView(<ResellerView />, {
      path: PATH,
      url: URL,
      mocks: ACTIVE_MOCKS,
      viewer: makeViewer({ role: "SALES_AGENT" }),
    });
    expect(await screen.findByRole("heading", { level: 1, name: "Wingtip Toys" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: openLabel })).not.toBeInTheDocument();
    unmount();
    renderView(<ResellerView />, { path: PATH, url: URL, mocks: [pageMock("REMOVED"), activityMock] });
    expect(await screen.findByRole("heading", { level: 1, name: "Wingtip Toys" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: openLabel })).not.toBeInTheDocument();
  });
});

describe("ResellerLink", () => {
  const reseller = { id: RESELLER_ID, name: "Wingtip Toys" };
  it("links a provider to the reseller's page, inside a translated sentence", () => {
    renderView(
      <p data-testid="sentence">
        <ResellerLink reseller={reseller} sentence={(name) => `for ${name}, today`} />
      </p>,
    );
    expect(screen.getByRole("link", { name: "Wingtip Toys" })).toHaveAttribute("href", URL);
    expect(screen.getByTestId("sentence").textContent).toBe("for Wingtip Toys, today");
  });

  it("is plain text for a reseller (who cannot open the page) and for the viewer's own partner", () => {
    const { unmount } = renderView(<ResellerLink reseller={reseller} />, {
      viewer: makeViewer({ types: ["INDIRECT_RESELLER"] }),
    });
    expect(screen.getByText("Wingtip Toys")).toBeInTheDocument();
    expect(screen.queryByRole("link")).not.toBeInTheDocument();
    unmount();
    const self = makeViewer();
    renderView(<ResellerLink reseller={{ id: self.partner.id, name: "Trey Research" }} />, { viewer: self });
    expect(screen.queryByRole("link")).not.toBeInTheDocument();
  });
});
