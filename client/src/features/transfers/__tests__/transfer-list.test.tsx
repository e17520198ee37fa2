import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { SavedViewsDocument, TransferListDocument } from "../../../graphql/generated";
import { TransferListView } from "../TransferListView";
import { FIRST_UP, TREY, viewerOf, WINGTIP } from "./fixtures";
import { renderView } from "../../../testing/harness";

const ref = (p: typeof TREY) => ({
  __typename: "Partner",
  id: p.id,
  name: p.name,
  partnerId: p.partnerId,
  country: "US",
});

const listMock = {
  // The URL's filters are the query's: status in canonical order, direction, first page.
  request: {
    query: TransferListDocument,
    variables: {
      filter: { status: ["EXPIRED", "PENDING"], direction: "INCOMING" },
      first: 20,
      after: null,
      last: null,
      before: null,
      orderBy: null,
    },
  },
  result: {
    data: {
      transfers: {
        __typename: "TransferConnection",
        totalCount: 1,
        pageInfo: {
          __typename: "PageInfo",
          hasNextPage: false,
          hasPreviousPage: false,
          startCursor: "c1",
          endCursor: "c1",
        },
        nodes: [
          {
            __typename: "Transfer",
            id: "T-1",
            status: "PENDING",
            direction: "INCOMING",
            createdAt: "2026-10-30T10:00:00.000Z",
            expiresOn: "2026-11-29",
            daysLeft: 3,
            customer: { __typename: "Customer", id: "C-1", name: "Contoso Ltd.", domain: "contoso.example" },
            sourcePartner: ref(FIRST_UP),
            targetPartner: ref(TREY),
            reseller: ref(WINGTIP),
            subscriptions: [
              { __typename: "CustomerSubscription", id: "S-1" },
              { __typename: "CustomerSubscription", id: "S-2" },
            ],
          },
        ],
      },
    },
  },
};

describe("transfer list", () => {
  it("reads its filters from the URL and shows customer, parties, reseller, lines, status and days left", async () => {
    renderView(<TransferListView />, {
      path: "/transfers",
      url: "/transfers?status=EXPIRED,PENDING&direction=INCOMING",
      viewer: viewerOf(TREY),
      mocks: [listMock] as never,
    });

    const link = await screen.findByRole("link", { name: "Contoso Ltd." });
    expect(link).toHaveAttribute("href", "/transfers/T-1");
    const row = link.closest("tr")!;
    expect(row).toHaveTextContent("First Up Consultants → to Trey Research Distribution");
    expect(row).toHaveTextContent("reseller: Wingtip Toys IT");
    expect(within(row).getByText("2")).toBeInTheDocument();
    expect(within(row).getByText("Pending")).toBeInTheDocument();
    expect(within(row).getByText(/3 days left/)).toHaveClass("xfer-countdown-urgent");

    expect(screen.getByRole("checkbox", { name: "Pending" })).toBeChecked();
    expect(screen.getByRole("checkbox", { name: "Expired" })).toBeChecked();
    expect(screen.getByRole("checkbox", { name: "Accepted" })).not.toBeChecked();
    expect(screen.getByLabelText("Direction")).toHaveValue("INCOMING");
    expect(screen.getByRole("link", { name: "New transfer" })).toHaveAttribute("href", "/transfers/new");
  });

  it("offers no New transfer link to an indirect reseller", async () => {
    renderView(<TransferListView />, {
      path: "/transfers",
      url: "/transfers?status=PENDING,EXPIRED&direction=INCOMING",
      viewer: viewerOf(WINGTIP),
      mocks: [listMock] as never,
    });
    await screen.findByRole("link", { name: "Contoso Ltd." });
    expect(screen.queryByRole("link", { name: "New transfer" })).not.toBeInTheDocument();
    expect(screen.getByText(/Your provider requests them on your behalf/)).toBeInTheDocument();
  });
});

describe("transfer list: saved views", () => {
  const view = {
    __typename: "SavedView" as const,
    id: "U2F2ZWRWaWV3OjM",
    name: "Incoming to answer",
    list: "TRANSFERS" as const,
    filter: "status=EXPIRED,PENDING&direction=INCOMING",
    orderBy: null,
  };
  const views = {
    request: { query: SavedViewsDocument, variables: { list: "TRANSFERS" } },
    result: { data: { savedViews: [view] } },
    maxUsageCount: Number.POSITIVE_INFINITY,
  };
  const unfiltered = {
    request: { query: TransferListDocument, variables: (v: { filter?: { status?: unknown } }) => !v.filter?.status },
    result: { data: { transfers: { ...listMock.result.data.transfers, totalCount: 0, nodes: [] } } },
  };

  it("opens a saved view: its filter goes to the URL and to the list's query", async () => {
    const user = userEvent.setup();
    renderView(<TransferListView />, {
      path: "/transfers",
      url: "/transfers",
      viewer: viewerOf(TREY),
      mocks: [views, unfiltered, listMock] as never,
    });
    const select = await screen.findByLabelText("Open a saved view");
    await screen.findByRole("option", { name: "Incoming to answer" });
    expect(screen.queryByRole("link", { name: "Contoso Ltd." })).not.toBeInTheDocument();
    await user.selectOptions(select, "Incoming to answer");
    expect(await screen.findByRole("link", { name: "Contoso Ltd." })).toBeInTheDocument();
    expect(screen.getByTestId("location")).toHaveTextContent("/transfers?status=EXPIRED%2CPENDING&direction=INCOMING");
    expect(screen.getByRole("button", { name: "Save as view…" })).toBeInTheDocument();
  });

  it("lets a role that cannot save views open them, without the save button", async () => {
    renderView(<TransferListView />, {
      path: "/transfers",
      url: "/transfers",
      viewer: viewerOf(TREY, "HELPDESK_AGENT"),
      mocks: [views, unfiltered] as never,
    });
    await screen.findByRole("option", { name: "Incoming to answer" });
    expect(screen.queryByRole("button", { name: "Save as view…" })).not.toBeInTheDocument();
  });
});
