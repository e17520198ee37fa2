import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  RequestsListDocument,
  SavedViewsDocument,
  RequestsResolveDocument,
  RequestsWithdrawDocument,
  type RequestsRowFragment,
} from "../../../graphql/generated";
import { makeViewer, renderView, userError } from "../../../testing/harness";
import { ProviderRequestListView } from "../ProviderRequestListView";
import { CUSTOMER_ID, providerRequest, RESELLER_ID, subscriptionRequest } from "./fixtures";

const list = (filter: Record<string, unknown>, nodes: RequestsRowFragment[]) => ({
  request: {
    query: RequestsListDocument,
    variables: { filter, first: 20, after: null, last: null, before: null, orderBy: null },
  },
  result: {
    data: {
      providerRequests: {
        __typename: "ProviderRequestConnection",
        totalCount: nodes.length,
        pageInfo: {
          __typename: "PageInfo",
          hasNextPage: false,
          hasPreviousPage: false,
          startCursor: null,
          endCursor: null,
        },
        nodes,
      },
    },
  },
});

const payload = (
  field: "resolveProviderRequest" | "withdrawProviderRequest",
  row: RequestsRowFragment | null,
  errors = [],
) => ({
  data: { [field]: { __typename: "ProviderRequestPayload", providerRequest: row, userErrors: errors } },
});

const order = providerRequest();
const cancel = subscriptionRequest("CANCEL");
const transfer = subscriptionRequest("TRANSFER", { note: "They are moving from First Up" });
const rowOf = (text: string) =>
  screen.getAllByTestId("request-row").find((r) => r.textContent?.includes(text)) as HTMLElement;

describe("ProviderRequestListView: a provider", () => {
  const open = { status: ["OPEN"], direction: "RECEIVED" };

  it("lists the requests it received with the URL's filters, and links each to where it is done", async () => {
    renderView(<ProviderRequestListView />, {
      url: "/requests?direction=RECEIVED&status=OPEN",
      mocks: [list(open, [order, cancel, transfer])],
    });
    expect(await screen.findAllByTestId("request-row")).toHaveLength(3);
    expect(screen.getByLabelText("Status")).toHaveValue("OPEN");
    expect(screen.getByLabelText("Direction")).toHaveValue("RECEIVED");

    const orderRow = rowOf("Microsoft 365 E3");
    expect(orderRow).toHaveTextContent("OrderMicrosoft 365 E3 (CFQ7TTC0LFLX:0001) · 25 licences · 1 year");
    expect(orderRow).toHaveTextContent("From Wingtip Toys");
    expect(orderRow).toHaveTextContent("For the new office");
    expect(within(orderRow).getByText("Open")).toHaveClass("badge-warn");
    expect(within(orderRow).getByRole("link", { name: "Contoso Ltd." })).toHaveAttribute(
      "href",
      `/customers/${CUSTOMER_ID}`,
    );
    // ORDER: the customer page with the order form filled in from the request, the reseller as reseller of record.
    const doOrder = within(orderRow).getByRole("link", { name: /^Do it/ });
    const orderUrl = new URL(doOrder.getAttribute("href")!, "http://x");
    expect(orderUrl.pathname).toBe(`/customers/${CUSTOMER_ID}`);
    expect(Object.fromEntries(orderUrl.searchParams)).toEqual({
      panel: "order",
      request: order.id,
      offerName: "Microsoft 365 E3",
      offerId: "CFQ7TTC0LFLX:0001",
      offerKind: "LICENSE_BASED",
      quantity: "25",
      term: "P1Y",
      reseller: RESELLER_ID,
    });
    // CANCEL: the customer page, anchored to the subscription.
    expect(within(rowOf("Cancel")).getByRole("link", { name: /^Do it/ })).toHaveAttribute(
      "href",
      `/customers/${CUSTOMER_ID}?request=${cancel.id}#sub-${cancel.subscription!.id}`,
    );
    // TRANSFER: the transfer wizard for the customer, the reseller and the subscription.
    expect(within(rowOf("Transfer")).getByRole("link", { name: /^Do it/ })).toHaveAttribute(
      "href",
      `/transfers/new?customerId=${CUSTOMER_ID}&resellerId=${RESELLER_ID}&ids=${transfer.subscription!.id}`,
    );
    expect(screen.queryByRole("button", { name: /^Withdraw/ })).not.toBeInTheDocument();
  });

  it("declines with a note to the reseller; the open list no longer shows it", async () => {
    const user = userEvent.setup();
    const declined = { ...cancel, status: "DECLINED" as const, responseNote: "Outside the 7-day window" };
    renderView(<ProviderRequestListView />, {
      url: "/requests?direction=RECEIVED&status=OPEN",
      mocks: [
        list(open, [order, cancel]),
        {
          request: {
            query: RequestsResolveDocument,
            variables: {
              input: { requestId: cancel.id, outcome: "DECLINED", responseNote: "Outside the 7-day window" },
            },
          },
          result: payload("resolveProviderRequest", declined),
        },
        list(open, [order]),
      ],
    });
    await screen.findAllByTestId("request-row");
    const row = rowOf("Cancel");
    await user.click(within(row).getByRole("button", { name: /^Decline/ }));
    const form = within(row).getByRole("form", { name: "Decline" });
    const note = within(form).getByLabelText("Note to the reseller");
    expect(note).toHaveFocus();
    await user.type(note, "Outside the 7-day window");
    await user.click(within(form).getByRole("button", { name: "Decline the request" }));
    expect(
      await screen.findByText("Declined for Contoso Ltd.: Cancel: Microsoft 365 Business Basic (CFQ7TTC0LH18:0001)"),
    ).toHaveAttribute("role", "status");
    await waitFor(() => expect(screen.getAllByTestId("request-row")).toHaveLength(1));
  });

  it("marks a request fulfilled after confirming, and shows a refusal beside the buttons", async () => {
    const user = userEvent.setup();
    const fulfil = (requestId: string) => ({
      query: RequestsResolveDocument,
      variables: { input: { requestId, outcome: "FULFILLED", responseNote: null } },
    });
    renderView(<ProviderRequestListView />, {
      url: "/requests?direction=RECEIVED&status=OPEN",
      mocks: [
        list(open, [order, cancel]),
        {
          request: fulfil(order.id),
          result: payload("resolveProviderRequest", null, [
            userError("requestId", "This request is no longer open (WITHDRAWN).", "INVALID_STATE"),
          ] as never),
        },
        {
          request: fulfil(cancel.id),
          result: payload("resolveProviderRequest", { ...cancel, status: "FULFILLED" }),
        },
        list(open, [order]),
      ],
    });
    await screen.findAllByTestId("request-row");
    const orderRow = rowOf("Microsoft 365 E3");
    await user.click(within(orderRow).getByRole("button", { name: /^Mark fulfilled/ }));
    const confirm = within(orderRow).getByRole("group", { name: "Mark fulfilled" });
    expect(confirm).toHaveTextContent(
      "Mark “Order: Microsoft 365 E3 (CFQ7TTC0LFLX:0001) · 25 licences · 1 year” for Contoso Ltd. as fulfilled?",
    );
    await user.click(within(confirm).getByRole("button", { name: "Yes, mark fulfilled" }));
    expect(await within(orderRow).findByRole("alert")).toHaveTextContent("This request is no longer open (WITHDRAWN).");

    const cancelRow = rowOf("Cancel");
    await user.click(within(cancelRow).getByRole("button", { name: /^Mark fulfilled/ }));
    await user.click(within(cancelRow).getByRole("button", { name: "Yes, mark fulfilled" }));
    expect(
      await screen.findByText(/^Marked fulfilled for Contoso Ltd\.: Cancel: Microsoft 365 Business Basic/),
    ).toBeInTheDocument();
    await waitFor(() => expect(screen.getAllByTestId("request-row")).toHaveLength(1));
  });

  it("keeps its filters in the URL, and disables the answers for a role that cannot order", async () => {
    const user = userEvent.setup();
    renderView(<ProviderRequestListView />, {
      url: "/requests",
      viewer: makeViewer({ role: "HELPDESK_AGENT" }),
      mocks: [list({}, [order]), list({ status: ["OPEN"] }, [order]), list(open, [order])],
    });
    await screen.findAllByTestId("request-row");
    const row = rowOf("Microsoft 365 E3");
    const fulfil = within(row).getByRole("button", { name: /^Mark fulfilled/ });
    expect(fulfil).toBeDisabled();
    expect(fulfil).toHaveAccessibleDescription("Your role (Helpdesk agent) cannot handle this request.");
    expect(within(row).queryByRole("link", { name: /^Do it/ })).not.toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText("Status"), "OPEN");
    expect(screen.getByTestId("location")).toHaveTextContent("/requests?status=OPEN");
    await user.selectOptions(screen.getByLabelText("Direction"), "RECEIVED");
    expect(screen.getByTestId("location")).toHaveTextContent("/requests?status=OPEN&direction=RECEIVED");
  });
});

describe("ProviderRequestListView: a reseller", () => {
  const reseller = makeViewer({ types: ["INDIRECT_RESELLER"] });
  const sent = { ...order, direction: "SENT" as const };
  const declined = {
    ...subscriptionRequest("CANCEL"),
    direction: "SENT" as const,
    status: "DECLINED" as const,
    responseNote: "Outside the 7-day window",
    respondedAt: "2026-11-21T09:00:00.000Z",
  };

  it("follows what it sent, sees the provider's answer, and withdraws an open request", async () => {
    const user = userEvent.setup();
    renderView(<ProviderRequestListView />, {
      url: "/requests?direction=SENT",
      viewer: reseller,
      mocks: [
        list({ direction: "SENT" }, [sent, declined]),
        {
          request: { query: RequestsWithdrawDocument, variables: { input: { requestId: sent.id } } },
          result: payload("withdrawProviderRequest", { ...sent, status: "WITHDRAWN" }),
        },
        list({ direction: "SENT" }, [
          { ...sent, status: "WITHDRAWN", respondedAt: "2026-11-22T09:00:00.000Z" },
          declined,
        ]),
      ],
    });
    await screen.findAllByTestId("request-row");
    expect(screen.getByText(/What you asked your providers to do for you/)).toBeInTheDocument();

    const closed = rowOf("Cancel");
    expect(closed).toHaveTextContent("To Trey Research");
    expect(closed).toHaveTextContent("Trey Research answered: Outside the 7-day window");
    expect(closed).toHaveTextContent("Declined Nov 21, 2026");
    expect(within(closed).queryAllByRole("button")).toHaveLength(0);

    const row = rowOf("Microsoft 365 E3");
    expect(within(row).queryByRole("link", { name: /^Do it/ })).not.toBeInTheDocument();
    expect(within(row).queryByRole("button", { name: /^Mark fulfilled/ })).not.toBeInTheDocument();
    await user.click(within(row).getByRole("button", { name: /^Withdraw/ }));
    const confirm = within(row).getByRole("group", { name: "Withdraw" });
    expect(confirm).toHaveTextContent("Withdraw your request “Order: Microsoft 365 E3");
    await user.click(within(confirm).getByRole("button", { name: "Yes, withdraw it" }));
    expect(await screen.findByText(/^Withdrawn for Contoso Ltd\.: Order: Microsoft 365 E3/)).toBeInTheDocument();
    await waitFor(() => expect(rowOf("Microsoft 365 E3")).toHaveTextContent("Withdrawn Nov 22, 2026"));
    expect(within(rowOf("Microsoft 365 E3")).queryByRole("button")).not.toBeInTheDocument();
  });

  it("tells a partner outside two-tier that requests are not for it", () => {
    renderView(<ProviderRequestListView />, { url: "/requests", viewer: makeViewer({ types: ["DIRECT_BILL"] }) });
    expect(screen.getByText(/Requests go between indirect resellers and their indirect providers/)).toBeInTheDocument();
  });
});

describe("ProviderRequestListView: saved views", () => {
  const views = {
    request: { query: SavedViewsDocument, variables: { list: "REQUESTS" } },
    result: {
      data: {
        savedViews: [
          {
            __typename: "SavedView",
            id: "U2F2ZWRWaWV3OjQ",
            name: "Wingtip's open asks",
            list: "REQUESTS",
            filter: `status=OPEN&direction=RECEIVED&reseller=${RESELLER_ID}`,
            orderBy: null,
          },
        ],
      },
    },
    maxUsageCount: Number.POSITIVE_INFINITY,
  };

  it("opens a saved view of the requests: its filter goes to the URL and the list's query", async () => {
    const user = userEvent.setup();
    renderView(<ProviderRequestListView />, {
      url: "/requests",
      mocks: [views, list({}, []), list({ status: ["OPEN"], direction: "RECEIVED", resellerId: RESELLER_ID }, [order])],
    });
    const select = await screen.findByLabelText("Open a saved view");
    await screen.findByRole("option", { name: "Wingtip's open asks" });
    await user.selectOptions(select, "Wingtip's open asks");
    expect(await screen.findAllByTestId("request-row")).toHaveLength(1);
    expect(screen.getByTestId("location")).toHaveTextContent(
      `/requests?status=OPEN&direction=RECEIVED&reseller=${RESELLER_ID}`,
    );
    expect(screen.getByLabelText("Open a saved view")).toHaveDisplayValue("Wingtip's open asks");
  });

  it("offers saving the current filter to a role that may, and not to one that may not", async () => {
    const first = renderView(<ProviderRequestListView />, { url: "/requests", mocks: [views, list({}, [])] });
    expect(await screen.findByRole("button", { name: "Save as view…" })).toBeInTheDocument();
    first.unmount();
    renderView(<ProviderRequestListView />, {
      url: "/requests",
      mocks: [views, list({}, [])],
      viewer: makeViewer({ role: "HELPDESK_AGENT" }),
    });
    await screen.findByRole("option", { name: "Wingtip's open asks" });
    expect(screen.queryByRole("button", { name: "Save as view…" })).not.toBeInTheDocument();
  });
});
