import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { GraphQLError } from "graphql";
import { ServerError } from "@apollo/client/errors";
import { describe, expect, it } from "vitest";
import {
  CustomerCancelSubscriptionDocument,
  CustomerOpenProviderRequestsDocument,
  CustomerPageDocument,
  CustomerOrderPreviewDocument,
  CustomerOrderSubscriptionDocument,
  CustomerProviderOptionsDocument,
  CustomerRegisterExternalSubscriptionDocument,
} from "../../../graphql/generated";
import { CustomerView } from "../CustomerView";
import {
  CUSTOMER_ID,
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
import { renderView, userError, type RenderViewOptions } from "../../../testing/harness";

const route = `/customers/${encodeURIComponent(CUSTOMER_ID)}`;

const pageMock = (page = customerPage()) => customerPageMock(page);
const subsMock = (nodes = [subscription()]) => subscriptionsMock(nodes);
const resellersMock = resellerOptionsMock([], { maxUsageCount: 5 });

function view(mocks: RenderViewOptions["mocks"], kind: "provider" | "reseller" | "direct" = "provider", at = route) {
  return renderView(<CustomerView />, { mocks, viewer: viewer(kind), url: at, path: "/customers/:customerId" });
}

describe("CustomerView eligibility", () => {
  const cancelBlocked = decision("CANCEL", [
    reason("R30", "CANCELLATION_WINDOW_CLOSED", "The 7-day cancellation window has closed."),
  ]);
  const ea = subscription({
    id: "Q3VzdG9tZXJTdWJzY3JpcHRpb246Mg",
    offerName: "Azure Enterprise",
    channel: "EA",
    offerKind: "USAGE_BASED",
    transactingPartner: null,
    support: decision(
      "SUPPORT",
      [],
      [reason("R7a", "NON_CSP_CHANNEL_REQUIRES_REPROVISION", "Support it; reprovision to take it over.", "ADVISORY")],
    ),
  });

  it("shows the header, groups subscriptions by channel with a badge per action and the reasons on demand", async () => {
    const user = userEvent.setup();
    view([pageMock(), subsMock([subscription({ cancel: cancelBlocked }), ea]), resellersMock]);

    expect(await screen.findByRole("heading", { level: 1, name: "Contoso Ltd." })).toBeInTheDocument();
    expect(screen.getByText("f42b4bb3-0303-439c-b8ce-b25eed414157")).toBeInTheDocument();

    const csp = await screen.findByRole("region", { name: /^CSP/ });
    const eaGroup = screen.getByRole("region", { name: /^Enterprise Agreement/ });
    const row = within(csp).getByText("Microsoft 365 E3").closest("tr")!;
    expect(within(row).getByText("Support: Allowed")).toBeInTheDocument();
    expect(within(row).getByText("Cancel: Not allowed")).toHaveAttribute("title", "R30 CANCELLATION_WINDOW_CLOSED");
    expect(within(row).getByText("Transfer: Not allowed")).toBeInTheDocument();
    expect(within(eaGroup).getByText(/Support: Allowed/)).toHaveTextContent("ⓘ");

    // The reasons are spelled out on demand: rule, code, message and source.
    const why = within(row).getByRole("button", { name: /Why\?/ });
    expect(why).toHaveAttribute("aria-expanded", "false");
    await user.click(why);
    expect(why).toHaveAttribute("aria-expanded", "true");
    const details = document.getElementById(why.getAttribute("aria-controls")!)!;
    const r30 = within(details)
      .getByText(/The 7-day cancellation window has closed/)
      .closest("li")!;
    expect(r30).toHaveTextContent("Rule R30 CANCELLATION_WINDOW_CLOSED — The 7-day cancellation window has closed.");
    expect(within(r30).getByRole("link", { name: "New commerce cancellation policy" })).toHaveAttribute(
      "href",
      "https://learn.microsoft.com/en-us/partner-center/customers/new-commerce-cancellation-policy",
    );
    expect(within(details).getByText(/You already bill it/)).toBeInTheDocument();
  });

  it("disables an action with the reason when the decision says no", async () => {
    view([pageMock(), subsMock([subscription({ cancel: cancelBlocked })]), resellersMock]);
    const cancel = await screen.findByRole("button", { name: "Cancel" });
    expect(cancel).toBeDisabled();
    expect(cancel).toHaveAccessibleDescription("Not allowed: rule R30");
    const suspend = screen.getByRole("button", { name: "Suspend" });
    expect(suspend).toBeEnabled();
    // Asking is keyboard-friendly: Escape closes the confirmation and gives the focus back.
    const user = userEvent.setup();
    await user.click(suspend);
    expect(screen.getByRole("button", { name: "Yes, suspend it" })).toHaveFocus();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("group", { name: "Suspend" })).not.toBeInTheDocument();
    expect(suspend).toHaveFocus();
  });

  it("disables Remove relationship and lists its reasons", async () => {
    const removal = decision("REMOVE_RELATIONSHIP", [
      reason("R6", "RELATIONSHIP_HAS_ACTIVE_SUBSCRIPTIONS", "Cancel the active subscriptions you bill first."),
    ]);
    view([pageMock(customerPage({}, removal)), subsMock(), resellersMock]);
    const remove = await screen.findByRole("button", { name: "Remove relationship" });
    expect(remove).toBeDisabled();
    expect(remove).toHaveAccessibleDescription("Not allowed: rule R6");
    expect(screen.getByText(/Cancel the active subscriptions you bill first/).closest("li")).toHaveTextContent(
      "Rule R6",
    );
  });

  it("confirms, cancels with expectedVersion, shows a userError, and refetches the page", async () => {
    const user = userEvent.setup();
    const sub = subscription();
    const cancelled = subscription({
      status: "DELETED",
      version: 4,
      cancel: decision("CANCEL", [reason("R15c", "SUBSCRIPTION_NOT_ACTIVE", "Not active.")]),
    });
    view([
      pageMock(),
      subsMock([sub]),
      resellersMock,
      {
        request: {
          query: CustomerCancelSubscriptionDocument,
          variables: { input: { subscriptionId: sub.id, expectedVersion: 3 } },
        },
        delay: 300,
        result: {
          data: {
            cancelSubscription: {
              __typename: "SubscriptionPayload",
              subscription: {
                __typename: "CustomerSubscription",
                id: sub.id,
                status: "DELETED",
                version: 4,
                autoRenew: false,
                updatedAt: "2026-11-25T10:00:00Z",
              },
              decision: decision("CANCEL"),
              userErrors: [],
            },
          },
        },
      },
      pageMock(),
      subsMock([cancelled]),
    ]);
    await user.click(await screen.findByRole("button", { name: "Cancel" }));
    const confirm = screen.getByRole("group", { name: "Cancel" });
    expect(confirm).toHaveTextContent("Cancel Microsoft 365 E3? This cannot be undone.");
    expect(within(confirm).getByRole("button", { name: "Yes, cancel it" })).toHaveFocus();
    await user.click(within(confirm).getByRole("button", { name: "Yes, cancel it" }));
    expect(await screen.findByRole("button", { name: "Working…" })).toBeDisabled();
    expect(await screen.findByText("Microsoft 365 E3 was cancelled.")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText("Cancelled")).toBeInTheDocument());
    expect(screen.queryByRole("button", { name: "Cancel" })).not.toBeInTheDocument();
  });

  it("shows a refused action's userErrors under the subscription", async () => {
    const user = userEvent.setup();
    const sub = subscription();
    view([
      pageMock(),
      subsMock([sub]),
      resellersMock,
      {
        request: {
          query: CustomerCancelSubscriptionDocument,
          variables: { input: { subscriptionId: sub.id, expectedVersion: 3 } },
        },
        result: {
          data: {
            cancelSubscription: {
              __typename: "SubscriptionPayload",
              subscription: null,
              decision: null,
              userErrors: [
                userError(
                  "expectedVersion",
                  "The subscription was changed by someone else; reload and try again",
                  "CONFLICT",
                ),
              ],
            },
          },
        },
      },
      pageMock(),
      subsMock([sub]),
    ]);
    await user.click(await screen.findByRole("button", { name: "Cancel" }));
    await user.click(screen.getByRole("button", { name: "Yes, cancel it" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The subscription was changed by someone else");
  });
});

describe("CustomerView order and register forms", () => {
  const previewMock = (resellerId: string | null, result: ReturnType<typeof decision>) => ({
    request: {
      query: CustomerOrderPreviewDocument,
      variables: { input: { action: "ORDER", customerId: CUSTOMER_ID, offerKind: "LICENSE_BASED", resellerId } },
    },
    maxUsageCount: 5,
    result: { data: { eligibility: result } },
  });

  it("shows the ORDER decision live, blocks the button with the reason, and a reseller field error beside it", async () => {
    const user = userEvent.setup();
    const blocked = decision("ORDER", [reason("R3", "MCA_NOT_ACCEPTED", "The customer must accept the MCA.")]);
    view(
      [
        pageMock(),
        subsMock(),
        resellersMock,
        previewMock(null, blocked),
        previewMock(RESELLER_ID, decision("ORDER")),
        {
          request: {
            query: CustomerOrderSubscriptionDocument,
            variables: {
              input: {
                customerId: CUSTOMER_ID,
                offerName: "Microsoft 365 Business Premium",
                offerId: "CFQ7TTC0LCHC:0002",
                offerKind: "LICENSE_BASED",
                isAzurePlan: false,
                quantity: 10,
                termDuration: "P1Y",
                billingCycle: "MONTHLY",
                resellerId: RESELLER_ID,
              },
            },
          },
          delay: 300,
          result: {
            data: {
              orderSubscription: {
                __typename: "SubscriptionPayload",
                subscription: null,
                decision: null,
                userErrors: [userError("resellerId", "The reseller is not active.", "RESELLER_NOT_ACTIVE", "R26")],
              },
            },
          },
        },
      ],
      "provider",
      `${route}?panel=order`,
    );
    const form = await screen.findByRole("form", { name: "Order a CSP subscription" });
    await within(form).findByText(/The customer must accept the MCA/);
    expect(within(form).getByText("Order: Not allowed")).toBeInTheDocument();
    const submit = within(form).getByRole("button", { name: "Order" });
    expect(submit).toBeDisabled();
    expect(within(form).getByText("Ordering is not allowed: see the reasons above.")).toBeInTheDocument();

    await user.selectOptions(within(form).getByLabelText("Reseller of record"), RESELLER_ID);
    await waitFor(() => expect(within(form).getByText("Order: Allowed")).toBeInTheDocument());
    const quantity = within(form).getByLabelText("Quantity");
    await user.clear(quantity);
    await user.type(quantity, "10");
    await user.click(within(form).getByRole("button", { name: "Order" }));
    expect(await within(form).findByRole("button", { name: "Ordering…" })).toBeDisabled();
    await waitFor(() =>
      expect(within(form).getByLabelText("Reseller of record")).toHaveAccessibleDescription(
        /The reseller is not active\. \(R26\)/,
      ),
    );
  });

  it("orders, shows the advisories and refetches the subscriptions", async () => {
    const user = userEvent.setup();
    const azure = {
      customerId: CUSTOMER_ID,
      offerName: "Azure plan",
      offerId: "DZH318Z0BPS6:0001",
      offerKind: "USAGE_BASED",
      isAzurePlan: true,
      quantity: 1,
      termDuration: null,
      billingCycle: "MONTHLY",
      resellerId: null,
    };
    const advisory = reason(
      "R8",
      "AZURE_COEXISTS_WITH_OTHER_CHANNEL",
      "Azure in CSP coexists with the EA subscription.",
      "ADVISORY",
    );
    view(
      [
        pageMock(),
        subsMock([]),
        {
          request: { query: CustomerProviderOptionsDocument },
          result: { data: { providers: { __typename: "ResellerPartnershipConnection", totalCount: 0, nodes: [] } } },
        },
        previewMock(null, decision("ORDER")),
        {
          request: {
            query: CustomerOrderPreviewDocument,
            variables: {
              input: { action: "ORDER", customerId: CUSTOMER_ID, offerKind: "USAGE_BASED", resellerId: null },
            },
          },
          maxUsageCount: 5,
          result: { data: { eligibility: decision("ORDER", [], [advisory]) } },
        },
        {
          request: { query: CustomerOrderSubscriptionDocument, variables: { input: azure } },
          result: {
            data: {
              orderSubscription: {
                __typename: "SubscriptionPayload",
                subscription: {
                  __typename: "CustomerSubscription",
                  id: "Q3VzdG9tZXJTdWJzY3JpcHRpb246OQ",
                  offerName: "Azure plan",
                  quantity: 1,
                },
                decision: decision("ORDER", [], [advisory]),
                userErrors: [],
              },
            },
          },
        },
        pageMock(),
        subsMock([
          subscription({ id: "Q3VzdG9tZXJTdWJzY3JpcHRpb246OQ", offerName: "Azure plan", offerKind: "USAGE_BASED" }),
        ]),
      ],
      "direct",
      `${route}?panel=order`,
    );
    const form = await screen.findByRole("form", { name: "Order a CSP subscription" });
    expect(within(form).queryByLabelText("Reseller of record")).not.toBeInTheDocument();
    await user.selectOptions(within(form).getByLabelText("Offer"), "DZH318Z0BPS6:0001");
    expect(within(form).getByLabelText("Quantity")).toBeDisabled();
    await within(form).findByText(/Azure in CSP coexists/);
    await user.click(within(form).getByRole("button", { name: "Order" }));
    const done = await screen.findByText("Azure plan was ordered.");
    expect(done.closest(".success")).toHaveTextContent("Note · Rule R8 AZURE_COEXISTS_WITH_OTHER_CHANNEL");
    expect(await screen.findByText("Azure plan", { selector: "strong" })).toBeInTheDocument();
  });

  it("registers a subscription from another channel, with a field error beside the date", async () => {
    const user = userEvent.setup();
    const input = {
      customerId: CUSTOMER_ID,
      channel: "EA",
      offerName: "Office 365 E3",
      offerKind: "LICENSE_BASED",
      quantity: 40,
      purchaseDate: "2026-03-01",
      commitmentEndDate: "2026-02-01",
    };
    view(
      [
        pageMock(),
        subsMock(),
        resellersMock,
        {
          request: { query: CustomerRegisterExternalSubscriptionDocument, variables: { input } },
          result: {
            data: {
              registerExternalSubscription: {
                __typename: "SubscriptionPayload",
                subscription: null,
                userErrors: [userError("commitmentEndDate", "must not be before purchaseDate")],
              },
            },
          },
        },
        {
          request: {
            query: CustomerRegisterExternalSubscriptionDocument,
            variables: { input: { ...input, commitmentEndDate: "2027-02-28" } },
          },
          result: {
            data: {
              registerExternalSubscription: {
                __typename: "SubscriptionPayload",
                subscription: {
                  __typename: "CustomerSubscription",
                  id: "Q3VzdG9tZXJTdWJzY3JpcHRpb246Nw",
                  offerName: "Office 365 E3",
                  channel: "EA",
                },
                userErrors: [],
              },
            },
          },
        },
        pageMock(),
        subsMock([
          subscription(),
          subscription({ id: "Q3VzdG9tZXJTdWJzY3JpcHRpb246Nw", offerName: "Office 365 E3", channel: "EA" }),
        ]),
      ],
      "provider",
      `${route}?panel=register`,
    );
    const form = await screen.findByRole("form", { name: "Register a subscription from another channel" });
    const channel = within(form).getByLabelText("Bought through");
    expect(within(channel).queryByRole("option", { name: "CSP" })).not.toBeInTheDocument();
    await user.selectOptions(channel, "EA");
    await user.type(within(form).getByLabelText("Offer name"), "Office 365 E3");
    const quantity = within(form).getByLabelText("Quantity");
    await user.clear(quantity);
    await user.type(quantity, "40");
    await user.type(within(form).getByLabelText("Purchase date"), "2026-03-01");
    const end = within(form).getByLabelText("Commitment ends");
    await user.type(end, "2026-02-01");
    await user.click(within(form).getByRole("button", { name: "Register subscription" }));
    await waitFor(() => expect(end).toHaveAccessibleDescription("must not be before purchaseDate"));

    await user.clear(end);
    await user.type(end, "2027-02-28");
    await user.click(within(form).getByRole("button", { name: "Register subscription" }));
    expect(await screen.findByText("Office 365 E3 (Enterprise Agreement) was registered.")).toBeInTheDocument();
    expect(await screen.findByRole("region", { name: /^Enterprise Agreement/ })).toHaveTextContent("Office 365 E3");
  });

  it("gives an indirect reseller the provider path instead of the order form", async () => {
    view(
      [
        pageMock(),
        subsMock([
          subscription({
            cancel: decision("CANCEL", [
              reason("R22", "INDIRECT_RESELLER_MUST_USE_PROVIDER", "Ask your indirect provider to do it."),
            ]),
          }),
        ]),
        providerOptionsMock({ maxUsageCount: 2 }),
        {
          request: { query: CustomerOpenProviderRequestsDocument, variables: { customerId: CUSTOMER_ID } },
          result: {
            data: { providerRequests: { __typename: "ProviderRequestConnection", totalCount: 0, nodes: [] } },
          },
        },
      ],
      "reseller",
      `${route}?panel=order`,
    );
    const panel = await screen.findByRole("region", { name: "Your provider orders for you" });
    expect(screen.queryByRole("form", { name: "Order a CSP subscription" })).not.toBeInTheDocument();
    const form = await within(panel).findByRole("form", { name: "Ask your provider to order" });
    expect(within(form).getByLabelText("Provider")).toHaveDisplayValue("Trey Research (777)");
    // A subscription not sold through this reseller: the actions stay disabled with the API's reason.
    expect(screen.getByRole("button", { name: "Cancel" })).toHaveAccessibleDescription("Not allowed: rule R22");
    expect(screen.queryByRole("button", { name: /Ask provider to cancel/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Start a transfer" })).not.toBeInTheDocument();
  });
});

describe("CustomerView: not found and failures", () => {
  it("answers an id the API never issued (BAD_USER_INPUT) with the not-found page and its main heading", async () => {
    view(
      [
        {
          request: { query: CustomerPageDocument, variables: { id: "not-an-id" } },
          result: {
            errors: [
              new GraphQLError("id: is not an id issued by this API", { extensions: { code: "BAD_USER_INPUT" } }),
            ],
          },
        },
      ],
      "provider",
      "/customers/not-an-id",
    );
    expect(await screen.findByRole("heading", { level: 1, name: "Customer not found" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Try again" })).not.toBeInTheDocument();
  });

  it("keeps a main heading when the page fails to load, with a retry in plain words", async () => {
    view([
      {
        request: { query: CustomerPageDocument, variables: { id: CUSTOMER_ID } },
        error: new ServerError("Response not successful: Received status code 503", {
          response: new Response("", { status: 503 }),
          bodyText: "",
        }),
      },
    ]);
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The service is not available at the moment");
    expect(within(alert).getByRole("button", { name: "Try again" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1 })).toBeInTheDocument();
  });
});
