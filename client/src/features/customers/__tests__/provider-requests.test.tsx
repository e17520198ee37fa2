import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  CustomerOpenProviderRequestsDocument,
  CustomerOrderPreviewDocument,
  CustomerOrderSubscriptionDocument,
  CustomerRequestProviderActionDocument,
  RequestsHandlingDocument,
  RequestsResolveDocument,
  type CustomerOpenProviderRequestsQuery,
  type CustomerPageSubscriptionFragment,
} from "../../../graphql/generated";
import { providerRequest } from "../../requests/__tests__/fixtures";
import { CustomerView } from "../CustomerView";
import {
  activityMock,
  CUSTOMER_ID,
  PROVIDER_ID,
  RESELLER_ID,
  customerPage,
  customerPageMock,
  providerOptionsMock,
  resellerOptionsMock,
  subscriptionsMock,
  decision,
  reason,
  subscription,
  viewer,
} from "./fixtures";
import { renderView, userError } from "../../../testing/harness";

const route = `/customers/${encodeURIComponent(CUSTOMER_ID)}`;
const many = { maxUsageCount: Number.POSITIVE_INFINITY };

const pageMock = customerPageMock(customerPage(), many);
const subsMock = (nodes: CustomerPageSubscriptionFragment[]) => subscriptionsMock(nodes, many);
const providersMock = providerOptionsMock(many);
type OpenRequest = CustomerOpenProviderRequestsQuery["providerRequests"]["nodes"][number];
const openMock = (nodes: OpenRequest[], usage: object = {}) => ({
  request: { query: CustomerOpenProviderRequestsDocument, variables: { customerId: CUSTOMER_ID } },
  result: { data: { providerRequests: { __typename: "ProviderRequestConnection", totalCount: nodes.length, nodes } } },
  ...usage,
});
const openRequest = (action: OpenRequest["action"], subscriptionId: string | null): OpenRequest => ({
  __typename: "ProviderRequest",
  id: `UHJvdmlkZXJSZXF1ZXN0Ok${action}`,
  action,
  createdAt: "2026-11-24T10:00:00.000Z",
  offerName: action === "ORDER" ? "Microsoft 365 E5" : null,
  quantity: action === "ORDER" ? 25 : null,
  subscription: subscriptionId ? { __typename: "CustomerSubscription", id: subscriptionId } : null,
  provider: { __typename: "Partner", id: PROVIDER_ID, name: "Trey Research" },
});
const sentPayload = (
  action: OpenRequest["action"],
  providerDecision: ReturnType<typeof decision> | null,
  userErrors: ReturnType<typeof userError>[] = [],
) => ({
  data: {
    requestProviderAction: {
      __typename: "RequestProviderActionPayload",
      providerRequest: userErrors.length
        ? null
        : {
            __typename: "ProviderRequest",
            id: `UHJvdmlkZXJSZXF1ZXN0Ok${action}`,
            action,
            status: "OPEN",
            createdAt: "2026-11-25T10:00:00.000Z",
            provider: { __typename: "Partner", id: PROVIDER_ID, name: "Trey Research" },
          },
      providerDecision,
      userErrors,
    },
  },
});

describe("CustomerView: an indirect reseller asks its provider", () => {
  it("asks to order: field userErrors beside the fields, then the provider's decision and a link to the requests", async () => {
    const user = userEvent.setup();
    const input = {
      action: "ORDER",
      customerId: CUSTOMER_ID,
      providerId: PROVIDER_ID,
      offerName: "Microsoft 365 E5",
      offerId: "CFQ7TTC0LFLZ:0002",
      offerKind: "LICENSE_BASED",
      quantity: 400000,
      termDuration: "P3Y",
      note: "For the new office",
    };
    renderView(<CustomerView />, {
      viewer: viewer("reseller"),
      url: `${route}?panel=order`,
      path: "/customers/:customerId",
      mocks: [
        activityMock(),
        pageMock,
        subsMock([]),
        providersMock,
        openMock([]),
        {
          request: { query: CustomerRequestProviderActionDocument, variables: { input } },
          delay: 200,
          result: sentPayload("ORDER", null, [userError("quantity", "must be between 1 and 300000")]),
        },
        {
          request: { query: CustomerRequestProviderActionDocument, variables: { input: { ...input, quantity: 25 } } },
          result: sentPayload(
            "ORDER",
            decision("ORDER", [reason("R3", "MCA_NOT_ACCEPTED", "The customer must accept the MCA first.")]),
          ),
        },
        openMock([openRequest("ORDER", null)], many),
      ],
    });
    const form = await screen.findByRole("form", { name: "Ask your provider to order" });
    expect(within(form).getByLabelText("Provider")).toHaveValue(PROVIDER_ID);
    await user.selectOptions(within(form).getByLabelText("Offer"), "CFQ7TTC0LFLZ:0002");
    expect(within(form).getByLabelText("Offer name")).toHaveValue("Microsoft 365 E5");
    const quantity = within(form).getByLabelText("Quantity");
    await user.clear(quantity);
    await user.type(quantity, "400000");
    await user.selectOptions(within(form).getByLabelText("Term"), "P3Y");
    await user.type(within(form).getByLabelText("Note to your provider"), "For the new office");
    // Nothing is sent in one click: the request is reviewed first, and "Back to the form" keeps what was typed.
    await user.click(within(form).getByRole("button", { name: "Review request" }));
    let confirm = screen.getByRole("group", { name: "Send this request?" });
    expect(confirm).toHaveTextContent("Ask Trey Research to order Microsoft 365 E5 (400000) for this customer.");
    expect(within(confirm).queryByRole("note")).not.toBeInTheDocument();
    await user.click(within(confirm).getByRole("button", { name: "Back to the form" }));
    expect(screen.queryByRole("group", { name: "Send this request?" })).not.toBeInTheDocument();
    await user.click(within(form).getByRole("button", { name: "Review request" }));
    confirm = screen.getByRole("group", { name: "Send this request?" });
    expect(within(confirm).getByRole("button", { name: "Send request" })).toHaveFocus();
    await user.click(within(confirm).getByRole("button", { name: "Send request" }));
    expect(await within(form).findByRole("button", { name: "Sending…" })).toBeDisabled();
    await waitFor(() => expect(quantity).toHaveAccessibleDescription("must be between 1 and 300000"));
    expect(quantity).toHaveAttribute("aria-invalid", "true");

    await user.clear(quantity);
    await user.type(quantity, "25");
    await user.click(within(form).getByRole("button", { name: "Review request" }));
    await user.click(screen.getByRole("button", { name: "Send request" }));
    const sent = await screen.findByText(/^Request sent to Trey Research: order Microsoft 365 E5 \(25\)/);
    const status = sent.closest("[role=status]") as HTMLElement;
    expect(within(status).getByRole("link", { name: "See your requests" })).toHaveAttribute(
      "href",
      "/requests?direction=SENT",
    );
    // Whether the provider will be able to do it: not as things stand, and why.
    expect(status).toHaveTextContent("Will Trey Research be able to do it today? Not allowed");
    expect(status).toHaveTextContent("The customer must accept the MCA first.");
    expect(status).toHaveTextContent("Rule R3");
    expect(status).not.toHaveTextContent("MCA_NOT_ACCEPTED");
    // The open order request is listed so it is not asked twice; the form starts again.
    expect(
      await screen.findByText(/Microsoft 365 E5 \(25\), asked of Trey Research on Nov 24, 2026/),
    ).toBeInTheDocument();
    const again = screen.getByRole("form", { name: "Ask your provider to order" });
    expect(within(again).getByLabelText("Quantity")).toHaveValue(1);
    // Asking for the same offer again is flagged as a duplicate of the open request before anything is sent.
    await user.selectOptions(within(again).getByLabelText("Offer"), "CFQ7TTC0LFLZ:0002");
    await user.click(within(again).getByRole("button", { name: "Review request" }));
    expect(within(screen.getByRole("group", { name: "Send this request?" })).getByRole("note")).toHaveTextContent(
      "You already asked Trey Research for Microsoft 365 E5 on Nov 24, 2026 and it is still open",
    );
  }, 30_000); // A long flow (review, back, send twice, a duplicate): more than the default under load.

  it("asks its provider to cancel a subscription sold through it, then shows it as waiting", async () => {
    const user = userEvent.setup();
    const r22 = (action: "CANCEL" | "SUSPEND") =>
      decision(action, [reason("R22", "INDIRECT_RESELLER_MUST_USE_PROVIDER", "Ask your indirect provider.")]);
    const sub = subscription({
      resellerOfRecord: { __typename: "Partner", id: RESELLER_ID, name: "Wingtip Toys" },
      cancel: r22("CANCEL"),
      suspend: r22("SUSPEND"),
    });
    renderView(<CustomerView />, {
      viewer: viewer("reseller"),
      url: route,
      path: "/customers/:customerId",
      mocks: [
        activityMock(),
        pageMock,
        subsMock([sub]),
        providersMock,
        openMock([]),
        {
          request: {
            query: CustomerRequestProviderActionDocument,
            variables: {
              input: {
                action: "CANCEL",
                customerId: CUSTOMER_ID,
                providerId: PROVIDER_ID,
                subscriptionId: sub.id,
                note: "Customer is downsizing",
              },
            },
          },
          result: sentPayload("CANCEL", decision("CANCEL")),
        },
        openMock([openRequest("CANCEL", sub.id)], many),
      ],
    });
    await user.click(await screen.findByRole("button", { name: "Actions — Microsoft 365 E3" }));
    const ask = await screen.findByRole("button", { name: /^Ask provider to cancel/ });
    expect(screen.getByRole("button", { name: /^Ask provider to suspend/ })).toBeEnabled();
    // Not "Suspend: Not allowed" beside "Ask provider to suspend": what it can never do is not offered.
    expect(screen.queryByRole("button", { name: /^Cancel/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Suspend/ })).not.toBeInTheDocument();
    await user.click(ask);
    const form = screen.getByRole("form", { name: "Ask provider to cancel" });
    expect(form).toHaveTextContent("Ask Trey Research to cancel Microsoft 365 E3?");
    const note = within(form).getByLabelText("Note to your provider");
    expect(note).toHaveFocus();
    await user.type(note, "Customer is downsizing");
    await user.click(within(form).getByRole("button", { name: "Send request" }));

    const sent = await screen.findByText(/^Request sent to Trey Research: cancel Microsoft 365 E3\./);
    expect(sent.closest("[role=status]")).toHaveTextContent("Will Trey Research be able to do it today? Allowed");
    expect(sent.closest("[role=status]")).toHaveTextContent("Yes, as things stand.");
    const waiting = await screen.findByRole("button", { name: /^Ask provider to cancel/ });
    await waitFor(() => expect(waiting).toBeDisabled());
    expect(waiting).toHaveAccessibleDescription("Asked Trey Research on Nov 24, 2026: waiting for an answer");
  });
});

describe("CustomerView: a provider follows a request's “Do it” link", () => {
  it("opens the order form filled in from the request, orders, and marks the request fulfilled", async () => {
    const user = userEvent.setup();
    const request = providerRequest();
    const preview = (resellerId: string | null) => ({
      request: {
        query: CustomerOrderPreviewDocument,
        variables: { input: { action: "ORDER", customerId: CUSTOMER_ID, offerKind: "LICENSE_BASED", resellerId } },
      },
      result: { data: { eligibility: decision("ORDER") } },
      ...many,
    });
    const handling = (status: "OPEN" | "FULFILLED") => ({
      request: { query: RequestsHandlingDocument, variables: { id: request.id } },
      result: { data: { node: { ...request, status } } },
    });
    const params = new URLSearchParams({
      panel: "order",
      request: request.id,
      offerName: "Microsoft 365 E3",
      offerId: "CFQ7TTC0LFLX:0001",
      offerKind: "LICENSE_BASED",
      quantity: "25",
      term: "P1Y",
      reseller: RESELLER_ID,
    });
    renderView(<CustomerView />, {
      viewer: viewer("provider"),
      url: `${route}?${params.toString()}`,
      path: "/customers/:customerId",
      mocks: [
        activityMock(),
        pageMock,
        subsMock([]),
        resellerOptionsMock(),
        preview(null),
        preview(RESELLER_ID),
        handling("OPEN"),
        {
          request: {
            query: CustomerOrderSubscriptionDocument,
            variables: {
              input: {
                customerId: CUSTOMER_ID,
                offerName: "Microsoft 365 E3",
                offerId: "CFQ7TTC0LFLX:0001",
                offerKind: "LICENSE_BASED",
                isAzurePlan: false,
                quantity: 25,
                termDuration: "P1Y",
                billingCycle: "MONTHLY",
                resellerId: RESELLER_ID,
              },
            },
          },
          result: {
            data: {
              orderSubscription: {
                __typename: "SubscriptionPayload",
                subscription: {
                  __typename: "CustomerSubscription",
                  id: "Q3VzdG9tZXJTdWJzY3JpcHRpb246OQ",
                  offerName: "Microsoft 365 E3",
                  quantity: 25,
                },
                decision: decision("ORDER"),
                userErrors: [],
              },
            },
          },
        },
        {
          request: {
            query: RequestsResolveDocument,
            variables: { input: { requestId: request.id, outcome: "FULFILLED", responseNote: null } },
          },
          result: {
            data: {
              resolveProviderRequest: {
                __typename: "ProviderRequestPayload",
                providerRequest: { ...request, status: "FULFILLED" },
                userErrors: [],
              },
            },
          },
        },
        handling("FULFILLED"),
      ],
    });

    const banner = await screen.findByRole("region", { name: /^Request from Wingtip Toys/ });
    expect(banner).toHaveTextContent("Order: Microsoft 365 E3 (CFQ7TTC0LFLX:0001) · 25 licences · 1 year");
    expect(banner).toHaveTextContent("Wingtip Toys wrote: For the new office");
    expect(within(banner).getByRole("link", { name: "Back to the open requests" })).toHaveAttribute(
      "href",
      "/requests?direction=RECEIVED&status=OPEN",
    );

    const form = screen.getByRole("form", { name: "Order a CSP subscription" });
    expect(within(form).getByLabelText("Offer")).toHaveValue("CFQ7TTC0LFLX:0001");
    expect(within(form).getByLabelText("Quantity")).toHaveValue(25);
    expect(within(form).getByLabelText("Term")).toHaveValue("P1Y");
    await waitFor(() => expect(within(form).getByLabelText("Reseller of record")).toHaveValue(RESELLER_ID));
    await within(form).findByText("Order: Allowed");
    await user.click(within(form).getByRole("button", { name: "Order" }));
    expect(await screen.findByText("Microsoft 365 E3 was ordered.")).toBeInTheDocument();
    // The form starts again from the defaults: the same request is not ordered twice by accident.
    await waitFor(() =>
      expect(
        within(screen.getByRole("form", { name: "Order a CSP subscription" })).getByLabelText("Reseller of record"),
      ).toHaveValue(""),
    );
    expect(
      within(screen.getByRole("form", { name: "Order a CSP subscription" })).getByLabelText("Offer name"),
    ).toHaveValue("Microsoft 365 Business Premium");

    await user.click(within(banner).getByRole("button", { name: /^Mark fulfilled/ }));
    await user.click(within(banner).getByRole("button", { name: "Yes, mark fulfilled" }));
    expect(
      await within(banner).findByText(
        "Marked fulfilled for Contoso Ltd.: Order: Microsoft 365 E3 (CFQ7TTC0LFLX:0001) · 25 licences · 1 year",
      ),
    ).toBeInTheDocument();
    await waitFor(() => expect(within(banner).getByText("Fulfilled")).toBeInTheDocument());
    expect(within(banner).queryByRole("button", { name: /^Mark fulfilled/ })).not.toBeInTheDocument();
  });
});
