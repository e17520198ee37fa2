import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  SubscriptionAskProviderDocument,
  SubscriptionAutoRenewDecisionDocument,
  SubscriptionChangeQuantityDocument,
  SubscriptionPanelDocument,
  SubscriptionScheduleDecisionDocument,
  SubscriptionSeatDecisionsDocument,
  type LifecycleDecisionFieldsFragment,
  type SubscriptionPanelFieldsFragment,
} from "../../../graphql/generated";
import { makeViewer, renderView } from "../../../testing/harness";
import { formatInstant } from "../instants";
import { SubscriptionPanelView } from "../SubscriptionPanelView";

const ID = "Q3VzdG9tZXJTdWJzY3JpcHRpb246MQ";
const DEADLINE = "2026-12-04T14:03:00Z";
const ANNUAL = { quantity: 15, termDuration: "P1Y", billingCycle: "ANNUAL" } as const;

const SUB: SubscriptionPanelFieldsFragment = {
  __typename: "CustomerSubscription",
  id: ID,
  offerName: "Microsoft 365 E3",
  offerId: "CFQ7TTC0LFLX:0001",
  offerKind: "LICENSE_BASED",
  productType: "LICENSE",
  commerceModel: "NEW_COMMERCE",
  channel: "CSP",
  status: "ACTIVE",
  quantity: 15,
  maxQuantity: null,
  autoRenew: true,
  termDuration: "P1Y",
  billingCycle: "ANNUAL",
  purchasedAt: "2026-03-01T09:00:00Z",
  renewedAt: null,
  commitmentEndDate: "2027-02-28",
  version: 3,
  tranches: [
    { __typename: "SeatTranche", quantity: 10, purchasedAt: "2026-03-01T09:00:00Z" },
    { __typename: "SeatTranche", quantity: 5, purchasedAt: "2026-11-27T14:03:00Z" },
  ],
  scheduledChange: { __typename: "ScheduledChange", quantity: 20, termDuration: "P1Y", billingCycle: "MONTHLY" },
  customer: { __typename: "Customer", id: "Q3VzdG9tZXI6MQ", name: "Contoso Ltd." },
  transactingPartner: { __typename: "Partner", id: "UGFydG5lcjpwcm92aWRlcg", name: "Trey Research" },
  resellerOfRecord: { __typename: "Partner", id: "UGFydG5lcjp3aW5ndGlw", name: "Wingtip Toys" },
};

const reason = (ruleId: string, code: string, message: string, severity: "BLOCKING" | "ADVISORY") => ({
  __typename: "EligibilityReason" as const,
  ruleId,
  code: code as never,
  message,
  severity,
  source: "https://learn.microsoft.com/en-us/partner-center/customers/create-a-new-subscription",
  sourceTitle: "Create a new subscription",
});
const R44 = reason(
  "R44",
  "SEAT_REDUCTION_WINDOW_CLOSED",
  "Only 5 seats are inside their reduction window.",
  "BLOCKING",
);
const R45 = reason("R45", "SCHEDULED_CHANGES_WILL_BE_DELETED", "This deletes the scheduled change.", "ADVISORY");
const R47 = reason("R47", "SUBSCRIPTION_TERM_ENDED", "The term has ended; the renewal is in progress.", "BLOCKING");

function decision(
  action: LifecycleDecisionFieldsFragment["action"],
  extra: Partial<LifecycleDecisionFieldsFragment> = {},
): LifecycleDecisionFieldsFragment {
  const blocking = extra.blocking ?? [];
  return {
    __typename: "EligibilityDecision",
    action,
    eligible: blocking.length === 0,
    asOf: "2026-11-28",
    at: "2026-11-28T10:00:00Z",
    eligibleUntil: null,
    becomesEligibleAt: null,
    refundableQuantity: null,
    refundableDetails: null,
    blocking,
    advisories: [],
    ...extra,
  };
}

const windows = {
  refundableQuantity: 5,
  refundableDetails: [{ __typename: "RefundableSeatWindow" as const, quantity: 5, allowedUntil: DEADLINE }],
};

const panelMock = (sub = SUB) => ({
  request: { query: SubscriptionPanelDocument, variables: { id: ID } },
  result: { data: { node: sub } },
});
const seatMock = (current: number, quantity: number, change: LifecycleDecisionFieldsFragment) => ({
  request: { query: SubscriptionSeatDecisionsDocument, variables: { id: ID, current, quantity } },
  result: {
    data: {
      node: {
        __typename: "CustomerSubscription",
        id: ID,
        seatWindows: decision("CHANGE_QUANTITY", { ...windows, eligibleUntil: DEADLINE }),
        seatChange: change,
      },
    },
  },
});
const autoRenewMock = (autoRenew: boolean, d: LifecycleDecisionFieldsFragment) => ({
  request: { query: SubscriptionAutoRenewDecisionDocument, variables: { id: ID, autoRenew } },
  result: { data: { node: { __typename: "CustomerSubscription", id: ID, autoRenewChange: d } } },
});
const scheduleMock = (change: object, current: object) => ({
  request: { query: SubscriptionScheduleDecisionDocument, variables: { id: ID, change, current } },
  result: {
    data: {
      node: {
        __typename: "CustomerSubscription",
        id: ID,
        scheduleChange: decision("SCHEDULE_CHANGE", { eligibleUntil: "2027-02-28T23:59:59Z" }),
        keepCurrent: decision("SCHEDULE_CHANGE"),
      },
    },
  },
});

const baseMocks = () => [
  panelMock(),
  seatMock(15, 15, decision("CHANGE_QUANTITY", { ...windows, eligibleUntil: DEADLINE })),
  autoRenewMock(false, decision("SET_AUTO_RENEW", { eligibleUntil: "2027-02-28T23:59:59Z", advisories: [R45] })),
  scheduleMock({ quantity: 20, termDuration: "P1Y", billingCycle: "MONTHLY" }, ANNUAL),
];

const render = (mocks: object[], viewer = makeViewer(), locale: "en" | "pt-PT" = "en") =>
  renderView(<SubscriptionPanelView />, {
    url: `/subscriptions/${ID}`,
    path: "/subscriptions/:subscriptionId",
    mocks: mocks as never,
    viewer,
    locale,
  });

describe("SubscriptionPanelView", () => {
  it("shows each reduction window's deadline in the viewer's time zone, the tranches and the scheduled change", async () => {
    render(baseMocks());
    const seats = await screen.findByRole("region", { name: "Seats" });
    expect(within(seats).getByText("15 seats")).toBeInTheDocument();
    expect(
      await within(seats).findByText(`5 seats can be removed until ${formatInstant("en", DEADLINE)}`),
    ).toBeInTheDocument();
    expect(within(seats).getByText("You can remove up to 5 seats now.")).toBeInTheDocument();
    expect(within(seats).getByText(`Allowed until ${formatInstant("en", DEADLINE)}`)).toBeInTheDocument();
    const planner = screen.getByRole("region", { name: "Renewal planner" });
    expect(within(planner).getByText("Scheduled for renewal: 20 seats, 1 year, billed monthly")).toBeInTheDocument();
    const renew = screen.getByRole("region", { name: "Auto-renew" });
    expect(await within(renew).findByRole("switch", { name: "Auto-renew" })).toHaveAttribute("aria-checked", "true");
  });

  it("disables a reduction beyond the open windows with its rule, and warns that a seat change deletes the scheduled change", async () => {
    const user = userEvent.setup();
    const updated: SubscriptionPanelFieldsFragment = { ...SUB, quantity: 12, version: 4, scheduledChange: null };
    const twelve = { ...ANNUAL, quantity: 12 };
    render([
      ...baseMocks(),
      seatMock(15, 9, decision("CHANGE_QUANTITY", { ...windows, blocking: [R44] })),
      seatMock(15, 12, decision("CHANGE_QUANTITY", { ...windows, eligibleUntil: DEADLINE, advisories: [R45] })),
      {
        request: {
          query: SubscriptionChangeQuantityDocument,
          variables: { input: { subscriptionId: ID, expectedVersion: 3, quantity: 12 } },
        },
        result: {
          data: {
            changeSubscriptionQuantity: {
              __typename: "SubscriptionChangePayload",
              subscription: updated,
              deletedScheduledChange: SUB.scheduledChange,
              decision: { ...decision("CHANGE_QUANTITY", { advisories: [R45] }) },
              userErrors: [],
            },
          },
        },
      },
      // What the panel asks again after the change (refused or not, every decision may have moved): the
      // queries as they were, and as they are once the new total is in.
      panelMock(updated),
      seatMock(15, 12, decision("CHANGE_QUANTITY", { ...windows })),
      scheduleMock({ quantity: 20, termDuration: "P1Y", billingCycle: "MONTHLY" }, ANNUAL),
      autoRenewMock(false, decision("SET_AUTO_RENEW")),
      seatMock(12, 12, decision("CHANGE_QUANTITY", { ...windows, refundableQuantity: 2 })),
      seatMock(12, 12, decision("CHANGE_QUANTITY", { ...windows, refundableQuantity: 2 })),
      scheduleMock(twelve, twelve),
      scheduleMock(twelve, twelve),
    ]);
    const seats = await screen.findByRole("region", { name: "Seats" });
    const total = within(seats).getByLabelText("New seat total");
    await within(seats).findByText(/^5 seats can be removed until/);

    fireEvent.change(total, { target: { value: "9" } });
    expect(await within(seats).findByText("Change to 9 seats: Not allowed")).toBeInTheDocument();
    expect(within(seats).getByRole("button", { name: "Change seats" })).toBeDisabled();
    expect(seats.querySelector('[data-code="SEAT_REDUCTION_WINDOW_CLOSED"]')).toHaveTextContent(
      "Only 5 seats are inside their reduction window.",
    );

    fireEvent.change(total, { target: { value: "12" } });
    expect(await within(seats).findByText("Change to 12 seats: Allowed")).toBeInTheDocument();
    await user.click(within(seats).getByRole("button", { name: "Change seats" }));
    const confirm = within(seats).getByRole("group", { name: "Change seats" });
    expect(confirm).toHaveTextContent(
      "Change the seats of Microsoft 365 E3 from 15 to 12? This deletes the change scheduled for renewal (20 seats, 1 year, billed monthly).",
    );
    await user.click(within(confirm).getByRole("button", { name: "Yes, change seats" }));
    const done = await screen.findByText("Seats changed to 12.");
    expect(done.closest("[role=status]")).toHaveTextContent(
      "The change scheduled for renewal was deleted (20 seats, 1 year, billed monthly).",
    );
    expect(await screen.findByText("Nothing is scheduled: it renews as it is.")).toBeInTheDocument();
  });

  it("disables the auto-renew switch with its reason and says from when it is possible", async () => {
    const mocks = baseMocks();
    mocks[2] = autoRenewMock(
      false,
      decision("SET_AUTO_RENEW", { blocking: [R47], becomesEligibleAt: "2027-03-02T10:00:00Z" }),
    );
    render(mocks);
    const renew = await screen.findByRole("region", { name: "Auto-renew" });
    expect(await within(renew).findByText("Turn auto-renew off: Not allowed")).toBeInTheDocument();
    expect(within(renew).getByRole("switch", { name: "Auto-renew" })).toBeDisabled();
    expect(within(renew).getByText(`Possible from ${formatInstant("en", "2027-03-02T10:00:00Z")}`)).toBeInTheDocument();
    expect(renew.querySelector('[data-code="SUBSCRIPTION_TERM_ENDED"]')).toBeInTheDocument();
  });

  it("a role that cannot change subscriptions sees the decisions without controls", async () => {
    render(baseMocks(), makeViewer({ role: "HELPDESK_AGENT" }));
    const seats = await screen.findByRole("region", { name: "Seats" });
    await within(seats).findByText(/^5 seats can be removed until/);
    expect(screen.getByRole("note")).toHaveTextContent("Your role can see these decisions but not make the changes.");
    expect(screen.queryByLabelText("New seat total")).not.toBeInTheDocument();
    expect(screen.queryByRole("switch")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Schedule this change" })).not.toBeInTheDocument();
  });

  it("an indirect reseller is told its provider makes these changes, with no controls", async () => {
    render(baseMocks(), makeViewer({ types: ["INDIRECT_RESELLER"] }));
    expect(await screen.findByRole("note")).toHaveTextContent("Your provider makes these changes for you.");
    expect(screen.queryByLabelText("New seat total")).not.toBeInTheDocument();
    expect(screen.queryByRole("switch")).not.toBeInTheDocument();
  });

  it("an indirect reseller credited with it asks the provider that bills it, after a confirmation", async () => {
    const user = userEvent.setup();
    const viewer = makeViewer({ types: ["INDIRECT_RESELLER"], partner: { id: SUB.resellerOfRecord!.id } });
    render(
      [
        ...baseMocks(),
        {
          request: {
            query: SubscriptionAskProviderDocument,
            variables: {
              input: {
                action: "SET_AUTO_RENEW",
                autoRenew: false,
                providerId: SUB.transactingPartner!.id,
                customerId: SUB.customer.id,
                subscriptionId: ID,
                note: null,
              },
            },
          },
          result: {
            data: {
              requestProviderAction: {
                __typename: "RequestProviderActionPayload",
                providerRequest: {
                  __typename: "ProviderRequest",
                  id: "UHJvdmlkZXJSZXF1ZXN0OjE",
                  action: "SET_AUTO_RENEW",
                  status: "OPEN",
                  provider: SUB.transactingPartner,
                },
                providerDecision: { ...decision("SET_AUTO_RENEW"), advisories: [R45] },
                userErrors: [],
              },
            },
          },
        },
      ],
      viewer,
    );
    expect(await screen.findByRole("note")).toHaveTextContent("Your provider (Trey Research) changes seats");
    const renew = screen.getByRole("region", { name: "Auto-renew" });
    const toggle = await within(renew).findByRole("switch", { name: "Auto-renew" });
    // The switch renders disabled until the provider's decision arrives; a click before that does nothing.
    await waitFor(() => expect(toggle).toBeEnabled());
    await user.click(toggle);
    const confirm = within(renew).getByRole("group", { name: "Auto-renew" });
    expect(confirm).toHaveTextContent("Ask Trey Research to turn auto-renew off for Microsoft 365 E3?");
    expect(confirm).toHaveTextContent("This deletes the change scheduled for renewal");
    await user.click(within(confirm).getByRole("button", { name: "Yes, send the request" }));
    const sent = (await screen.findByText("Request sent to Trey Research.")).closest("[role=status]")!;
    expect(sent).toHaveTextContent("Will Trey Research be able to do it today?");
    expect(within(sent as HTMLElement).getByRole("link", { name: "See your requests" })).toHaveAttribute(
      "href",
      "/requests?direction=SENT",
    );
    // Nothing changed on the subscription: the switch still shows auto-renew on.
    expect(toggle).toHaveAttribute("aria-checked", "true");
    expect(
      within(screen.getByRole("region", { name: "Seats" })).getByRole("button", {
        name: "Ask my provider to change seats",
      }),
    ).toBeInTheDocument();
  });

  it("an indirect reseller asks its provider to remove the scheduled change, after a confirmation", async () => {
    const user = userEvent.setup();
    const viewer = makeViewer({ types: ["INDIRECT_RESELLER"], partner: { id: SUB.resellerOfRecord!.id } });
    render(
      [
        ...baseMocks(),
        {
          request: {
            query: SubscriptionAskProviderDocument,
            variables: {
              input: {
                action: "CANCEL_SCHEDULED_CHANGE",
                providerId: SUB.transactingPartner!.id,
                customerId: SUB.customer.id,
                subscriptionId: ID,
                note: null,
              },
            },
          },
          result: {
            data: {
              requestProviderAction: {
                __typename: "RequestProviderActionPayload",
                providerRequest: {
                  __typename: "ProviderRequest",
                  id: "UHJvdmlkZXJSZXF1ZXN0OjI",
                  action: "CANCEL_SCHEDULED_CHANGE",
                  status: "OPEN",
                  provider: SUB.transactingPartner,
                },
                providerDecision: decision("SCHEDULE_CHANGE"),
                userErrors: [],
              },
            },
          },
        },
      ],
      viewer,
    );
    const planner = await screen.findByRole("region", { name: "Renewal planner" });
    // Only the provider removes it: the reseller gets the request, not the provider's button.
    expect(within(planner).queryByRole("button", { name: "Remove the scheduled change" })).not.toBeInTheDocument();
    await user.click(await within(planner).findByRole("button", { name: "Ask my provider to remove it" }));
    const confirm = within(planner).getByRole("group", { name: "Ask my provider to remove it" });
    expect(confirm).toHaveTextContent(
      "Ask Trey Research to remove the change scheduled for Microsoft 365 E3's renewal?",
    );
    await user.click(within(confirm).getByRole("button", { name: "Yes, send the request" }));
    expect(await screen.findByText("Request sent to Trey Research.")).toBeInTheDocument();
  });

  it("speaks Portuguese", async () => {
    render(baseMocks(), makeViewer(), "pt-PT");
    const seats = await screen.findByRole("region", { name: "Licenças" });
    expect(
      await within(seats).findByText(`5 licenças podem ser removidas até ${formatInstant("pt-PT", DEADLINE)}`),
    ).toBeInTheDocument();
  });
});
