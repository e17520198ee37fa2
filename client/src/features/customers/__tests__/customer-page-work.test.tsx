import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  CustomerOpenProviderRequestsDocument,
  CustomerRecordAgreementDocument,
  CustomerRequestProviderActionDocument,
  type CustomerOpenProviderRequestsQuery,
} from "../../../graphql/generated";
import { CustomerView } from "../CustomerView";
import {
  activityMock,
  CUSTOMER_ID,
  PROVIDER_ID,
  customerPage,
  customerPageMock,
  decision,
  providerOptionsMock,
  reason,
  resellerOptionsMock,
  subscription,
  subscriptionsMock,
  viewer,
} from "./fixtures";
import { renderView, userError, type RenderViewOptions } from "../../../testing/harness";
import type { UserRole } from "../../../graphql/generated";

// The customer page as a role or partner type sees it: no control a role cannot use, the path that exists instead
// of a dead end, and the MCA acceptance recorded from the page.

const route = `/customers/${encodeURIComponent(CUSTOMER_ID)}`;
const many = { maxUsageCount: Number.POSITIVE_INFINITY };

function view(mocks: RenderViewOptions["mocks"], kind: "provider" | "reseller" | "direct", role: UserRole) {
  return renderView(<CustomerView />, {
    mocks: [...(mocks ?? []), activityMock()],
    viewer: viewer(kind, role),
    url: route,
    path: "/customers/:customerId",
  });
}

type OpenRequest = CustomerOpenProviderRequestsQuery["providerRequests"]["nodes"][number];
const openMock = (nodes: OpenRequest[], usage: object = {}) => ({
  request: { query: CustomerOpenProviderRequestsDocument, variables: { customerId: CUSTOMER_ID } },
  result: { data: { providerRequests: { __typename: "ProviderRequestConnection", totalCount: nodes.length, nodes } } },
  ...usage,
});

describe("a helpdesk agent on the customer page", () => {
  it("finds no control it cannot use: no order, register, transfer, remove or record, and the decisions in words", async () => {
    const user = userEvent.setup();
    view(
      [
        customerPageMock(customerPage({ mcaAccepted: false }), many),
        subscriptionsMock(
          [
            subscription({
              cancel: decision("CANCEL", [
                reason("R30", "CANCELLATION_WINDOW_CLOSED", "The 7-day cancellation window has closed."),
              ]),
            }),
          ],
          many,
        ),
        resellerOptionsMock([], many),
      ],
      "provider",
      "HELPDESK_AGENT",
    );
    expect(await screen.findByText(/Your role \(Helpdesk agent\) can look but not change/)).toBeInTheDocument();
    await screen.findByText("Microsoft 365 E3");
    expect(screen.queryByRole("button", { name: /Order subscription/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Register/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Take over subscriptions by transfer" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Record acceptance" })).not.toBeInTheDocument();
    expect(screen.queryByText("Manage relationship")).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Details — Microsoft 365 E3" }));
    const panel = screen.getByRole("group", { name: "What you can do with Microsoft 365 E3" });
    expect(within(panel).queryAllByRole("button")).toEqual([]);
    expect(within(panel).getByText("Cancel: Not allowed")).toBeInTheDocument();
    expect(within(panel).getByText(/The 7-day cancellation window has closed/)).toBeInTheDocument();
    // The only enabled button left on the page reads a subscription's details. The audit log is not this role's to
    // read (canViewAudit), so the activity section and its CSV are not offered either.
    const enabled = screen.getAllByRole("button").filter((b) => !(b as HTMLButtonElement).disabled);
    expect(enabled.map((b) => b.getAttribute("aria-label") ?? b.textContent)).toEqual(["Details — Microsoft 365 E3"]);
    expect(screen.queryByRole("link", { name: "Activity" })).not.toBeInTheDocument();
  });
});

describe("recording the customer's MCA acceptance", () => {
  it("opens from the header, shows field errors, records it and refetches the page", async () => {
    const user = userEvent.setup();
    const today = new Date().toISOString().slice(0, 10);
    const input = {
      customerId: CUSTOMER_ID,
      dateAgreed: today,
      acceptedByName: "Dana Contoso",
      acceptedByEmail: "dana",
    };
    const payload = (errors: ReturnType<typeof userError>[]) => ({
      data: {
        recordCustomerAgreement: {
          __typename: "RecordCustomerAgreementPayload",
          customer: errors.length
            ? null
            : {
                __typename: "Customer",
                id: CUSTOMER_ID,
                mcaAccepted: true,
                mcaAcceptedOn: today,
                mcaAcceptedByName: "Dana Contoso",
              },
          userErrors: errors,
        },
      },
    });
    view(
      [
        customerPageMock(customerPage({ mcaAccepted: false })),
        subscriptionsMock([subscription()], many),
        resellerOptionsMock([], many),
        {
          request: { query: CustomerRecordAgreementDocument, variables: { input } },
          result: payload([userError("acceptedByEmail", "must be an email address")]),
        },
        {
          request: {
            query: CustomerRecordAgreementDocument,
            variables: { input: { ...input, acceptedByEmail: "dana@contoso.example" } },
          },
          result: payload([]),
        },
        customerPageMock(
          customerPage({ mcaAccepted: true, mcaAcceptedOn: "2026-11-30", mcaAcceptedByName: "Dana Contoso" }),
          many,
        ),
      ],
      "provider",
      "GLOBAL_ADMIN",
    );
    expect(await screen.findByText("Not accepted")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Record acceptance" }));
    const form = screen.getByRole("form", {
      name: "Record the customer's acceptance of the Microsoft Customer Agreement",
    });
    expect(within(form).getByLabelText("Date accepted")).toHaveFocus();
    expect(within(form).getByRole("link", { name: /Confirm customer acceptance/ })).toHaveAttribute(
      "href",
      "https://learn.microsoft.com/en-us/partner-center/developer/confirm-customer-consent-customer-agreement",
    );
    await user.type(within(form).getByLabelText("Accepted by (full name)"), "Dana Contoso");
    const email = within(form).getByLabelText("Their email address");
    await user.type(email, "dana");
    await user.click(within(form).getByRole("button", { name: "Record acceptance" }));
    await waitFor(() => expect(email).toHaveAccessibleDescription("must be an email address"));
    expect(email).toHaveFocus();

    await user.type(email, "@contoso.example");
    await user.click(within(form).getByRole("button", { name: "Record acceptance" }));
    expect(await screen.findByText(/The customer's acceptance is recorded/)).toBeInTheDocument();
    expect(await screen.findByText("Accepted on Nov 30, 2026 by Dana Contoso")).toBeInTheDocument();
    expect(screen.queryByRole("form", { name: /Record the customer's acceptance/ })).not.toBeInTheDocument();
  });

  it("Escape closes the form and gives the focus back to the button", async () => {
    const user = userEvent.setup();
    view(
      [
        customerPageMock(customerPage({ mcaAccepted: false }), many),
        subscriptionsMock([subscription()], many),
        resellerOptionsMock([], many),
      ],
      "provider",
      "SALES_AGENT",
    );
    await user.click(await screen.findByRole("button", { name: "Record acceptance" }));
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("form", { name: /Record the customer's acceptance/ })).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("button", { name: "Record acceptance" })).toHaveFocus());
  });
});

describe("a reseller asks its provider for a transfer", () => {
  it("confirms which provider, sends a TRANSFER request, and then flags it as waiting", async () => {
    const user = userEvent.setup();
    const sub = subscription({
      transactingPartner: { __typename: "Partner", id: "UGFydG5lcjpvdGhlcg", name: "Other Partner" },
      transfer: decision("TRANSFER", [
        reason("R22", "INDIRECT_RESELLER_MUST_USE_PROVIDER", "Ask your indirect provider to do it."),
      ]),
    });
    const sent = {
      data: {
        requestProviderAction: {
          __typename: "RequestProviderActionPayload",
          providerRequest: {
            __typename: "ProviderRequest",
            id: "UHJvdmlkZXJSZXF1ZXN0OlQ",
            action: "TRANSFER",
            status: "OPEN",
            createdAt: "2026-11-25T10:00:00.000Z",
            provider: { __typename: "Partner", id: PROVIDER_ID, name: "Trey Research" },
          },
          providerDecision: decision("TRANSFER"),
          userErrors: [],
        },
      },
    };
    view(
      [
        customerPageMock(customerPage(), many),
        subscriptionsMock([sub], many),
        providerOptionsMock(many),
        openMock([]),
        {
          request: {
            query: CustomerRequestProviderActionDocument,
            variables: {
              input: {
                action: "TRANSFER",
                customerId: CUSTOMER_ID,
                providerId: PROVIDER_ID,
                subscriptionId: sub.id,
                note: null,
              },
            },
          },
          result: sent,
        },
        openMock(
          [
            {
              __typename: "ProviderRequest",
              id: "UHJvdmlkZXJSZXF1ZXN0OlQ",
              action: "TRANSFER",
              createdAt: "2026-11-25T10:00:00.000Z",
              offerName: null,
              quantity: null,
              subscription: { __typename: "CustomerSubscription", id: sub.id },
              provider: { __typename: "Partner", id: PROVIDER_ID, name: "Trey Research" },
            },
          ],
          many,
        ),
      ],
      "reseller",
      "GLOBAL_ADMIN",
    );
    await user.click(await screen.findByRole("button", { name: "Actions — Microsoft 365 E3" }));
    const ask = await screen.findByRole("button", { name: /^Ask provider to take it over \(transfer\)/ });
    await waitFor(() => expect(ask).toBeEnabled());
    await user.click(ask);
    const form = screen.getByRole("form", { name: "Ask provider to take it over (transfer)" });
    expect(form).toHaveTextContent(
      "Ask Trey Research to take Microsoft 365 E3 over by transfer, with you as the reseller?",
    );
    await user.click(within(form).getByRole("button", { name: "Send request" }));
    expect(
      await screen.findByText(/^Request sent to Trey Research: take Microsoft 365 E3 over by transfer\./),
    ).toBeInTheDocument();
    const waiting = await screen.findByRole("button", { name: /^Ask provider to take it over \(transfer\)/ });
    await waitFor(() => expect(waiting).toBeDisabled());
    expect(waiting).toHaveAccessibleDescription("Asked Trey Research on Nov 25, 2026: waiting for an answer");
  });
});
