import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  NetworkEndPartnershipDocument,
  NetworkInviteResellerDocument,
  NetworkResellersDocument,
  SavedViewsDocument,
  type ComplianceFlag,
  type NetworkResellersQuery,
  type PartnershipStatus,
} from "../../../graphql/generated";
import { ResellerListView } from "../ResellerListView";
import { makeViewer, renderView } from "../../../testing/harness";

type Row = NetworkResellersQuery["resellers"]["nodes"][number];

function reseller(
  n: number,
  name: string,
  opts: { flags?: ComplianceFlag[]; status?: PartnershipStatus; customers?: number; subscriptions?: number } = {},
): Row {
  return {
    __typename: "ResellerPartnership",
    id: `UmVzZWxsZXJQYXJ0bmVyc2hpcDo${n}`,
    status: opts.status ?? "ACTIVE",
    invitedAt: "2026-01-10T00:00:00.000Z",
    acceptedAt: opts.status === "INVITED" ? null : "2026-01-12T00:00:00.000Z",
    removedAt: null,
    complianceFlags: opts.flags ?? [],
    counts: {
      __typename: "PartnershipCounts",
      customers: opts.customers ?? 3,
      subscriptions: opts.subscriptions ?? 12,
    },
    reseller: { __typename: "Partner", id: `UGFydG5lcjo${n}`, name, partnerId: `10000${n}`, country: "US" },
  };
}

function page(rows: Row[]): NetworkResellersQuery {
  return {
    resellers: {
      __typename: "ResellerPartnershipConnection",
      totalCount: rows.length,
      pageInfo: {
        __typename: "PageInfo",
        hasNextPage: false,
        hasPreviousPage: false,
        startCursor: null,
        endCursor: null,
      },
      nodes: rows,
    },
  };
}

const PAGE = { first: 20, after: null, last: null, before: null, orderBy: null };
const DEFAULT_VARS = { ...PAGE, filter: { status: ["ACTIVE", "INVITED"] } };

const listMock = (rows: Row[], variables: Record<string, unknown> = DEFAULT_VARS) => ({
  request: { query: NetworkResellersDocument, variables },
  result: { data: page(rows) },
});

const userErrorFields = { __typename: "UserError" as const, ruleId: null };

const NETWORK = [
  reseller(1, "Bluegrass Systems", { customers: 9, subscriptions: 57 }),
  reseller(2, "Desert Sky Networks", { flags: ["NOT_ACTIVE"], customers: 6, subscriptions: 56 }),
  reseller(3, "Empire State Cloud", { flags: ["MPA_NOT_SIGNED", "OTHER_REGION"], customers: 8, subscriptions: 48 }),
];

describe("ResellerListView: the table", () => {
  it("shows each reseller's compliance flags and counts", async () => {
    renderView(<ResellerListView />, { url: "/resellers", mocks: [listMock(NETWORK)] });

    const rows = await screen.findAllByTestId("reseller-row");
    expect(rows).toHaveLength(3);

    const [bluegrass, desertSky, empire] = rows as [HTMLElement, HTMLElement, HTMLElement];
    expect(within(bluegrass).getByText("Compliant")).toBeInTheDocument();
    expect(within(bluegrass).getByText("9")).toBeInTheDocument();
    expect(within(bluegrass).getByRole("link", { name: "57 subscriptions of Bluegrass Systems" })).toHaveAttribute(
      "href",
      "/subscriptions?reseller=UGFydG5lcjo1",
    );

    const desertFlag = within(desertSky).getByText("Not active");
    expect(desertFlag).toHaveAttribute("data-flag", "NOT_ACTIVE");
    expect(desertFlag).toHaveAttribute("title", expect.stringContaining("R26"));
    expect(within(desertSky).queryByText("Compliant")).not.toBeInTheDocument();

    expect(within(empire).getByText("MPA not signed")).toHaveAttribute("title", expect.stringContaining("R24"));
    expect(within(empire).getByText("Other region")).toHaveAttribute("title", expect.stringContaining("R25"));
    expect(within(empire).getByText("48")).toBeInTheDocument();

    expect(screen.getByText(/A flagged reseller cannot be named on orders/)).toBeInTheDocument();
    expect(screen.getByText("3 in total")).toBeInTheDocument();
  });

  it("reads its filters from the URL and writes changes back", async () => {
    const filtered = {
      ...PAGE,
      filter: { status: ["ACTIVE"], search: "cloud", hasComplianceIssues: true },
    };
    renderView(<ResellerListView />, {
      url: "/resellers?status=ACTIVE&search=cloud&issues=1",
      mocks: [listMock([NETWORK[2]!], filtered), listMock(NETWORK)],
    });

    expect(await screen.findByText("Empire State Cloud")).toBeInTheDocument();
    expect(screen.getByLabelText("Only resellers with compliance issues")).toBeChecked();
    expect(screen.getByLabelText("Name or Partner ID")).toHaveValue("cloud");

    await userEvent.click(screen.getByRole("button", { name: "Clear filters" }));
    await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent(/^\/resellers$/));
    expect(await screen.findByText("Bluegrass Systems")).toBeInTheDocument();
  });

  it("shows an empty state", async () => {
    renderView(<ResellerListView />, { url: "/resellers", mocks: [listMock([])] });
    expect(await screen.findByText("No resellers match these filters.")).toBeInTheDocument();
  });

  it("shows an error with a retry", async () => {
    renderView(<ResellerListView />, {
      url: "/resellers",
      mocks: [{ request: { query: NetworkResellersDocument, variables: DEFAULT_VARS }, error: new Error("boom") }],
    });
    expect(await screen.findByRole("alert")).toHaveTextContent("Something went wrong: boom");
    expect(screen.getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });

  it("tells non-providers that they have no resellers", () => {
    renderView(<ResellerListView />, { url: "/resellers", viewer: makeViewer({ types: ["DIRECT_BILL"] }) });
    expect(screen.getByText(/Only indirect providers have resellers/)).toBeInTheDocument();
  });
});

describe("ResellerListView: invite form", () => {
  it("shows the server's user error beside the Partner ID field", async () => {
    renderView(<ResellerListView />, {
      url: "/resellers",
      mocks: [
        listMock(NETWORK),
        {
          request: { query: NetworkInviteResellerDocument, variables: { input: { resellerPartnerId: "999999" } } },
          result: {
            data: {
              inviteReseller: {
                __typename: "PartnershipPayload",
                partnership: null,
                userErrors: [
                  {
                    ...userErrorFields,
                    field: ["input", "resellerPartnerId"],
                    message: "No indirect reseller has this Partner ID",
                    code: "NOT_FOUND",
                  },
                ],
              },
            },
          },
        },
      ],
    });
    await screen.findAllByTestId("reseller-row");

    const input = screen.getByLabelText("Reseller's Partner ID");
    await userEvent.type(input, "999999");
    await userEvent.click(screen.getByRole("button", { name: "Send invitation" }));

    await waitFor(() => expect(input).toHaveAttribute("aria-invalid", "true"));
    expect(input).toHaveAccessibleDescription(expect.stringContaining("No indirect reseller has this Partner ID"));
    // The field keeps what was typed so that it can be corrected.
    expect(input).toHaveValue("999999");
    expect(screen.queryByText(/is invited/)).not.toBeInTheDocument();
  });

  it("on success clears the field, says so and refetches the list", async () => {
    const invited = reseller(4, "Summit Peak IT", { status: "INVITED", customers: 0, subscriptions: 0 });
    renderView(<ResellerListView />, {
      url: "/resellers",
      mocks: [
        listMock(NETWORK),
        {
          request: { query: NetworkInviteResellerDocument, variables: { input: { resellerPartnerId: "151126" } } },
          result: {
            data: { inviteReseller: { __typename: "PartnershipPayload", partnership: invited, userErrors: [] } },
          },
        },
        // The refetch after the mutation: the new invitation is in the list.
        listMock([...NETWORK, invited]),
      ],
    });
    await screen.findAllByTestId("reseller-row");

    const input = screen.getByLabelText("Reseller's Partner ID");
    await userEvent.type(input, " 151126 ");
    const submit = screen.getByRole("button", { name: "Send invitation" });
    await userEvent.click(submit);

    expect(
      await screen.findByText("Summit Peak IT is invited. The partnership becomes active when they accept."),
    ).toBeInTheDocument();
    expect(input).toHaveValue("");
    expect(input).not.toHaveAttribute("aria-invalid");
    const rows = await screen.findAllByTestId("reseller-row");
    expect(rows).toHaveLength(4);
    expect(within(rows[3]!).getByText("Invited")).toBeInTheDocument();
  });

  it("is disabled, with the reason, for roles that cannot manage the network", async () => {
    renderView(<ResellerListView />, {
      url: "/resellers",
      viewer: makeViewer({ role: "HELPDESK_AGENT" }),
      mocks: [listMock(NETWORK)],
    });
    await screen.findAllByTestId("reseller-row");
    expect(screen.getByLabelText("Reseller's Partner ID")).toBeDisabled();
    expect(screen.getByRole("button", { name: "Send invitation" })).toBeDisabled();
    expect(screen.getByText(/Your role \(Helpdesk agent\) can view the network but not change it/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "End partnership with Bluegrass Systems" })).toBeDisabled();
  });
});

describe("ResellerListView: end partnership", () => {
  it("asks for confirmation, then ends it and refetches", async () => {
    const ended = { ...NETWORK[1]!, status: "REMOVED" as const, removedAt: "2026-11-25T00:00:00.000Z" };
    renderView(<ResellerListView />, {
      url: "/resellers",
      mocks: [
        listMock(NETWORK),
        {
          request: { query: NetworkEndPartnershipDocument, variables: { input: { partnershipId: NETWORK[1]!.id } } },
          result: {
            data: {
              endResellerPartnership: {
                __typename: "PartnershipPayload",
                partnership: {
                  __typename: "ResellerPartnership",
                  id: ended.id,
                  status: ended.status,
                  invitedAt: ended.invitedAt,
                  acceptedAt: ended.acceptedAt,
                  removedAt: ended.removedAt,
                  complianceFlags: ended.complianceFlags,
                  counts: ended.counts,
                },
                userErrors: [],
              },
            },
          },
        },
        listMock([NETWORK[0]!, NETWORK[2]!]),
      ],
    });
    await screen.findAllByTestId("reseller-row");

    await userEvent.click(screen.getByRole("button", { name: "End partnership with Desert Sky Networks" }));
    const confirm = screen.getByRole("group", { name: /End the partnership with Desert Sky Networks\?/ });
    const yes = within(confirm).getByRole("button", { name: "Yes, end it" });
    expect(yes).toHaveFocus();
    await userEvent.click(yes);

    expect(await screen.findByText("The partnership with Desert Sky Networks has ended.")).toBeInTheDocument();
    await waitFor(() => expect(screen.getAllByTestId("reseller-row")).toHaveLength(2));
    expect(screen.queryByText("Desert Sky Networks")).not.toBeInTheDocument();
  });

  it("Cancel and Escape back out without calling the API", async () => {
    renderView(<ResellerListView />, { url: "/resellers", mocks: [listMock(NETWORK)] });
    await screen.findAllByTestId("reseller-row");
    const open = () => userEvent.click(screen.getByRole("button", { name: "End partnership with Bluegrass Systems" }));

    await open();
    await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("button", { name: "Yes, end it" })).not.toBeInTheDocument();

    await open();
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("button", { name: "Yes, end it" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "End partnership with Bluegrass Systems" })).toHaveFocus();
  });
});

describe("ResellerListView: saved views", () => {
  const views = {
    request: { query: SavedViewsDocument, variables: { list: "RESELLERS" } },
    result: {
      data: {
        savedViews: [
          {
            __typename: "SavedView",
            id: "U2F2ZWRWaWV3OjU",
            name: "Needs attention",
            list: "RESELLERS",
            filter: "status=all&issues=1",
            orderBy: "NAME:DESC",
          },
        ],
      },
    },
    maxUsageCount: Number.POSITIVE_INFINITY,
  };
  const flagged = listMock([NETWORK[2]!, NETWORK[1]!], {
    ...PAGE,
    orderBy: { field: "NAME", direction: "DESC" },
    filter: { hasComplianceIssues: true },
  });

  it("opens a saved view: its filter and sort go to the URL and to the list's query", async () => {
    const user = userEvent.setup();
    renderView(<ResellerListView />, { url: "/resellers", mocks: [views, listMock(NETWORK), flagged] });
    expect(await screen.findAllByTestId("reseller-row")).toHaveLength(3);
    await screen.findByRole("option", { name: "Needs attention" });
    await user.selectOptions(screen.getByLabelText("Open a saved view"), "Needs attention");
    await waitFor(() => expect(screen.getAllByTestId("reseller-row")).toHaveLength(2));
    expect(screen.getAllByTestId("reseller-row")[0]).toHaveTextContent("Empire State Cloud");
    expect(screen.getByTestId("location")).toHaveTextContent("/resellers?status=all&issues=1&sort=NAME%3ADESC");
  });

  it("shows a read-only role its views without the save button", async () => {
    renderView(<ResellerListView />, {
      url: "/resellers",
      mocks: [views, listMock(NETWORK)],
      viewer: makeViewer({ role: "HELPDESK_AGENT" }),
    });
    await screen.findByRole("option", { name: "Needs attention" });
    expect(screen.queryByRole("button", { name: "Save as view…" })).not.toBeInTheDocument();
  });
});
