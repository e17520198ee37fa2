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
  activityMock,
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
// Re-read on every render of the form: a generous count keeps the test independent of render timing under load.
const resellersMock = resellerOptionsMock([], { maxUsageCount: 50 });

function view(mocks: RenderViewOptions["mocks"], kind: "provider" | "reseller" | "direct" = "provider", at = route) {
  return renderView(<CustomerView />, {
    mocks: [...(mocks ?? []), activityMock()],
    viewer: viewer(kind),
    url: at,
    path: "/customers/:customerId",
  });
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

  it("shows the header's facts, then the subscriptions grouped by channel with one status and an actions menu", async () => {
    const user = userEvent.setup();
    view([pageMock(), subsMock([subscription({ cancel: cancelBlocked }), ea]), resellersMock]);

    expect(await screen.findByRole("heading", { level: 1, name: "Contoso Ltd." })).toBeInTheDocument();
    expect(screen.getByText("f42b4bb3-0303-439c-b8ce-b25eed414157")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Take over subscriptions by transfer" })).toHaveAttribute(
      "href",
      `/transfers/new?customerId=${CUSTOMER_ID}`,
    );

    const csp = await screen.findByRole("region", { name: /^CSP/ });
    expect(csp).toHaveTextContent("1 subscription");
    const eaGroup = screen.getByRole("region", { name: /^Enterprise Agreement/ });
    const row = within(csp).getByText("Microsoft 365 E3").closest("tr")!;
    // One status per row, the seats in words, and no badge per action.
    expect(within(row).getByText("Active")).toBeInTheDocument();
    expect(within(row).getByText("25 licences")).toBeInTheDocument();
    expect(within(row).queryByText(/Not allowed/)).not.toBeInTheDocument();

    // The actions menu: each action enabled, or disabled with its reason in words, its rule and its page.
    const menu = within(row).getByRole("button", { name: "Actions — Microsoft 365 E3" });
    expect(menu).toHaveAttribute("aria-expanded", "false");
    await user.click(menu);
    expect(menu).toHaveAttribute("aria-expanded", "true");
    const panel = screen.getByRole("group", { name: "What you can do with Microsoft 365 E3" });
    expect(within(panel).getByText("Your organization can support this subscription.")).toBeInTheDocument();
    expect(within(panel).getByRole("button", { name: "Suspend — Microsoft 365 E3" })).toBeEnabled();
    const cancel = within(panel).getByRole("button", { name: "Cancel — Microsoft 365 E3" });
    expect(cancel).toBeDisabled();
    expect(cancel).toHaveAccessibleDescription(
      /^The 7-day cancellation window has closed\.\s?\(Rule R30 · Source: New commerce cancellation policy\)$/,
    );
    const r30 = within(panel)
      .getByText(/The 7-day cancellation window has closed/)
      .closest("li")!;
    expect(within(r30).getByRole("link", { name: "New commerce cancellation policy" })).toHaveAttribute(
      "href",
      "https://learn.microsoft.com/en-us/partner-center/customers/new-commerce-cancellation-policy",
    );
    // The viewer bills it: taking it over by transfer is not offered. No reason code is shown as text.
    expect(within(panel).queryByRole("button", { name: /Take over by transfer/ })).not.toBeInTheDocument();
    expect(panel).not.toHaveTextContent("CANCELLATION_WINDOW_CLOSED");
    expect(r30).toHaveAttribute("data-code", "CANCELLATION_WINDOW_CLOSED");

    // Another channel's subscription: support with a note in words (no symbol glyph), and the transfer path.
    const eaRow = within(eaGroup).getByText("Azure Enterprise").closest("tr")!;
    expect(within(eaRow).getByText("Pay as you go")).toBeInTheDocument();
    await user.click(within(eaRow).getByRole("button", { name: "Actions — Azure Enterprise" }));
    const eaPanel = screen.getByRole("group", { name: "What you can do with Azure Enterprise" });
    expect(
      within(eaPanel)
        .getByText(/Support it; reprovision to take it over/)
        .closest("li"),
    ).toHaveTextContent(
      "Note: Support it; reprovision to take it over. (Rule R7a · Source: New commerce cancellation policy)",
    );
    expect(document.body).not.toHaveTextContent("\u24d8");
    // One menu open at a time.
    expect(screen.queryByRole("group", { name: "What you can do with Microsoft 365 E3" })).not.toBeInTheDocument();
  });

  it("confirms before an action runs; Escape closes the question and gives the focus back", async () => {
    const user = userEvent.setup();
    view([pageMock(), subsMock([subscription({ cancel: cancelBlocked })]), resellersMock]);
    await user.click(await screen.findByRole("button", { name: "Actions — Microsoft 365 E3" }));
    const suspend = screen.getByRole("button", { name: "Suspend — Microsoft 365 E3" });
    await user.click(suspend);
    expect(screen.getByRole("button", { name: "Yes, suspend it" })).toHaveFocus();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("button", { name: "Yes, suspend it" })).not.toBeInTheDocument();
    expect(suspend).toHaveFocus();
  });

  it("puts Remove relationship under Manage relationship, disabled with its reasons", async () => {
    const user = userEvent.setup();
    const removal = decision("REMOVE_RELATIONSHIP", [
      reason("R6", "RELATIONSHIP_HAS_ACTIVE_SUBSCRIPTIONS", "Cancel the active subscriptions you bill first."),
    ]);
    view([pageMock(customerPage({}, removal)), subsMock(), resellersMock]);
    const manage = await screen.findByText("Manage relationship");
    // Closed until asked for: the page does not lead with a refusal.
    expect(screen.getByRole("button", { name: "Remove relationship", hidden: true })).not.toBeVisible();
    await user.click(manage);
    const remove = screen.getByRole("button", { name: "Remove relationship" });
    expect(remove).toBeDisabled();
    expect(remove).toHaveAccessibleDescription(/Cancel the active subscriptions you bill first\.\s?\(Rule R6/);
    // Below the subscriptions.
    const subsHeading = screen.getByRole("heading", { level: 2, name: /^Subscriptions/ });
    expect(subsHeading.compareDocumentPosition(manage) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it("shows the customer's activity from the audit log", async () => {
    view([pageMock(), subsMock(), resellersMock]);
    expect(await screen.findByRole("heading", { level: 2, name: "Activity" })).toBeInTheDocument();
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
    await user.click(await screen.findByRole("button", { name: "Actions — Microsoft 365 E3" }));
    await user.click(screen.getByRole("button", { name: "Cancel — Microsoft 365 E3" }));
    const confirm = screen.getByRole("group", { name: "Cancel" });
    expect(confirm).toHaveTextContent("Cancel Microsoft 365 E3? This cannot be undone.");
    expect(within(confirm).getByRole("button", { name: "Yes, cancel it" })).toHaveFocus();
    await user.click(within(confirm).getByRole("button", { name: "Yes, cancel it" }));
    const working = await screen.findByRole("button", { name: "Cancel — Microsoft 365 E3" });
    await waitFor(() => expect(working).toHaveTextContent("Working…"));
    expect(working).toBeDisabled();
    expect(await screen.findByText("Microsoft 365 E3 was cancelled.")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText("Cancelled")).toBeInTheDocument());
    expect(screen.queryByRole("button", { name: /^Cancel — / })).not.toBeInTheDocument();
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
    await user.click(await screen.findByRole("button", { name: "Actions — Microsoft 365 E3" }));
    await user.click(screen.getByRole("button", { name: "Cancel — Microsoft 365 E3" }));
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

    // The reseller options arrive by their own query: wait for the option before choosing it (a loaded machine
    // renders the form first).
    const resellerField = within(form).getByLabelText("Reseller of record");
    await waitFor(() => expect(resellerField.querySelector(`option[value="${RESELLER_ID}"]`)).not.toBeNull());
    await user.selectOptions(resellerField, RESELLER_ID);
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
    expect(done.closest(".success")).toHaveTextContent(
      "Note: Azure in CSP coexists with the EA subscription. (Rule R8",
    );
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
    // A subscription not sold through this reseller: no Cancel it could never use, no "ask to cancel" either, but
    // the path that exists: asking a provider to take it over by transfer.
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Actions — Microsoft 365 E3" }));
    const menu = screen.getByRole("group", { name: "What you can do with Microsoft 365 E3" });
    expect(within(menu).queryByRole("button", { name: /^Cancel/ })).not.toBeInTheDocument();
    expect(within(menu).queryByRole("button", { name: /Ask provider to cancel/ })).not.toBeInTheDocument();
    expect(within(menu).getByRole("button", { name: /Ask provider to take it over \(transfer\)/ })).toBeEnabled();
    expect(screen.queryByRole("link", { name: "Take over subscriptions by transfer" })).not.toBeInTheDocument();
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
