import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  TransferWizardCandidatesDocument,
  TransferWizardCreateDocument,
  TransferWizardCustomerDocument,
  TransferWizardProvidersDocument,
  type TransferWizardCandidatesQuery,
} from "../../../graphql/generated";
import { TransferWizardView } from "../TransferWizardView";
import { effectiveStep } from "../wizard/wizard-data";
import { FIRST_UP, FOURTH, TREY, transferPageStub, viewerOf, WINGTIP } from "./fixtures";
import { renderView } from "../../../testing/harness";

type Candidate = TransferWizardCandidatesQuery["transferEligibility"]["nodes"][number];

const CONTOSO = "C-contoso";

function reason(code: string, ruleId: string, message: string, severity: "BLOCKING" | "ADVISORY" = "BLOCKING") {
  return {
    __typename: "EligibilityReason" as const,
    code,
    ruleId,
    message,
    source: "https://learn.microsoft.com/en-us/partner-center/customers/transfer-subscriptions",
    sourceTitle: "Transfer subscriptions between partners",
    severity,
  };
}

function candidate(
  id: string,
  offerName: string,
  blocking: ReturnType<typeof reason>[] = [],
  parent: { id: string; offerName: string } | null = null,
): Candidate {
  return {
    __typename: "TransferCandidate",
    subscription: {
      __typename: "CustomerSubscription",
      id,
      offerName,
      offerId: `CFQ7TTC0${id}:0001`,
      offerKind: "LICENSE_BASED",
      commerceModel: "NEW_COMMERCE",
      isAzurePlan: false,
      quantity: 25,
      status: "ACTIVE",
      termDuration: "P1Y",
      commitmentEndDate: "2027-03-01",
      parentSubscription: parent ? { __typename: "CustomerSubscription", ...parent } : null,
      transactingPartner: { __typename: "Partner", id: FIRST_UP.id, name: FIRST_UP.name },
      resellerOfRecord: null,
    },
    decision: {
      __typename: "EligibilityDecision",
      eligible: blocking.length === 0,
      asOf: "2026-09-01",
      blocking: blocking as Candidate["decision"]["blocking"],
      advisories: [],
    },
  };
}

const E5 = candidate("S-e5", "Microsoft 365 E5");
const LEGACY = candidate("S-legacy", "Office 365 E3 (legacy)", [
  reason("LEGACY_LICENSE_NOT_TRANSFERABLE", "R11b", "A legacy-commerce license cannot move to another partner."),
  reason("SUBSCRIPTION_NOT_ACTIVE", "R15", "Only active subscriptions can be transferred."),
]);
const AUDIO = candidate(
  "S-audio",
  "Teams Audio Conferencing",
  [reason("ADDON_REQUIRES_BASE_SUBSCRIPTION", "R17", "Add-ons move with their base subscription.")],
  { id: "S-e5", offerName: "Microsoft 365 E5" },
);

const customerMock = {
  request: { query: TransferWizardCustomerDocument, variables: { id: CONTOSO } },
  result: {
    data: {
      node: {
        __typename: "Customer",
        id: CONTOSO,
        name: "Contoso Ltd.",
        domain: "contoso.onmicrosoft.com",
        country: "US",
        relationships: [],
      },
    },
  },
  maxUsageCount: 10,
};

const candidatesMock = {
  request: {
    query: TransferWizardCandidatesDocument,
    variables: { customerId: CONTOSO, first: 100 },
  },
  result: {
    data: {
      transferEligibility: {
        __typename: "TransferCandidateConnection",
        totalCount: 3,
        pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: null },
        nodes: [E5, LEGACY, AUDIO],
      },
    },
  },
  maxUsageCount: 10,
};

function createMock(subscriptionIds: string[], result: object) {
  return {
    request: {
      query: TransferWizardCreateDocument,
      variables: { input: { customerId: CONTOSO, subscriptionIds } },
    },
    result: { data: { createTransfer: { __typename: "TransferPayload", ...result } } },
  };
}

const wizard = (url: string, mocks: object[], viewer = viewerOf(FOURTH)) =>
  renderView(<TransferWizardView />, {
    path: "/transfers/new",
    url,
    viewer,
    mocks: mocks as never,
    routes: [transferPageStub],
  });

describe("transfer wizard: preview step", () => {
  it("spells out why a subscription cannot move and does not let it be picked; an eligible one can be", async () => {
    const user = userEvent.setup();
    wizard(`/transfers/new?step=subscriptions&customerId=${CONTOSO}`, [customerMock, candidatesMock]);

    const legacy = await screen.findByRole("checkbox", { name: /Office 365 E3 \(legacy\)/ });
    expect(legacy).toBeDisabled();
    // Every blocking reason, with its rule, is the checkbox's description and visible on the line.
    expect(legacy).toHaveAccessibleDescription(/legacy-commerce license cannot move.*R11b/);
    const legacyItem = screen.getByTestId("candidate-S-legacy");
    expect(within(legacyItem).getByText(/Not allowed/)).toBeInTheDocument();
    expect(
      within(legacyItem)
        .getAllByRole("listitem")
        .map((li) => li.getAttribute("data-code")),
    ).toEqual(["LEGACY_LICENSE_NOT_TRANSFERABLE", "SUBSCRIPTION_NOT_ACTIVE"]);

    // The add-on is nested under its base, not selectable, and says it moves with it.
    const audio = screen.getByRole("checkbox", { name: /Teams Audio Conferencing/ });
    expect(audio).toBeDisabled();
    expect(audio).toHaveAccessibleDescription(/moves together with its base subscription/);
    expect(within(screen.getByTestId("candidate-S-e5")).getByTestId("candidate-S-audio")).toBeInTheDocument();

    const e5 = screen.getByRole("checkbox", { name: /Microsoft 365 E5/ });
    expect(e5).toBeEnabled();
    const next = screen.getByRole("button", { name: "Review (0)" });
    expect(next).toBeDisabled();
    expect(next).toHaveAccessibleDescription("Pick at least one subscription that can be transferred.");

    await user.click(e5);
    expect(e5).toBeChecked();
    expect(screen.getByText(/1 of 3 can be transferred · 1 selected/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Review (1)" })).toBeEnabled();
  });

  it("submits exactly the selected subscriptions and opens the new transfer", async () => {
    const user = userEvent.setup();
    wizard(`/transfers/new?step=subscriptions&customerId=${CONTOSO}`, [
      customerMock,
      candidatesMock,
      createMock(["S-e5"], {
        transfer: { __typename: "Transfer", id: "T-new", status: "PENDING", expiresOn: "2026-10-01" },
        userErrors: [],
      }),
    ]);

    await user.click(await screen.findByRole("checkbox", { name: /Microsoft 365 E5/ }));
    await user.click(screen.getByRole("button", { name: "Review (1)" }));

    expect(await screen.findByRole("heading", { name: /Review and send/ })).toBeInTheDocument();
    expect(screen.getByRole("checkbox", { name: "Microsoft 365 E5" })).toBeChecked();
    expect(screen.getByText(/Its active add-ons come along: Teams Audio Conferencing/)).toBeInTheDocument();
    expect(screen.getByLabelText("From (current partner)")).toHaveTextContent("First Up Consultants");

    await user.click(screen.getByRole("button", { name: "Send transfer request" }));
    // The mock only answers { customerId, subscriptionIds: ["S-e5"] }: reaching the detail proves what was sent.
    expect(await screen.findByText("Transfer page T-new")).toBeInTheDocument();
  });

  it("shows a server error about one line beside that line, and errors without a line at the top", async () => {
    const user = userEvent.setup();
    wizard(`/transfers/new?step=review&customerId=${CONTOSO}&ids=S-e5`, [
      customerMock,
      candidatesMock,
      createMock(["S-e5"], {
        transfer: null,
        userErrors: [
          {
            __typename: "UserError",
            field: ["input", "subscriptionIds", "0"],
            code: "SUBSCRIPTION_IN_OTHER_TRANSFER",
            message: "Microsoft 365 E5: it is already a line of another pending transfer.",
            ruleId: "R16",
          },
          {
            __typename: "UserError",
            field: ["input", "customerId"],
            code: "TRANSFER_TARGET_HAS_NO_RELATIONSHIP",
            message: "You need an active reseller relationship with the customer.",
            ruleId: "R12",
          },
        ],
      }),
    ]);

    await user.click(await screen.findByRole("button", { name: "Send transfer request" }));

    await screen.findByText(/already a line of another pending transfer/);
    const line = screen.getByRole("checkbox", { name: "Microsoft 365 E5" });
    expect(line).toHaveAttribute("aria-invalid", "true");
    expect(line).toHaveAccessibleDescription(/already a line of another pending transfer\. \(R16\)/);
    const customer = screen.getByLabelText("Customer");
    expect(customer).toHaveAttribute("aria-invalid", "true");
    expect(customer).toHaveAccessibleDescription(/active reseller relationship with the customer\. \(R12\)/);
    // Still on the review: nothing was created.
    expect(screen.queryByText(/Transfer page/)).not.toBeInTheDocument();
  });
});

describe("transfer wizard: who may use it", () => {
  it("tells an indirect reseller's sales agent that its provider files transfers for it (R22), with no wizard", async () => {
    wizard(
      "/transfers/new",
      [
        {
          request: { query: TransferWizardProvidersDocument },
          result: {
            data: {
              providers: {
                __typename: "ResellerPartnershipConnection",
                nodes: [
                  {
                    __typename: "ResellerPartnership",
                    id: "RP-1",
                    provider: { __typename: "Partner", id: TREY.id, name: TREY.name },
                  },
                ],
              },
            },
          },
        },
      ],
      viewerOf(WINGTIP, "SALES_AGENT"),
    );
    expect(screen.getByText(/Wingtip Toys IT is an indirect reseller/)).toBeInTheDocument();
    expect(screen.getByText(/rule R22/)).toBeInTheDocument();
    expect(await screen.findByText(/Ask your provider to request it: Trey Research Distribution/)).toBeInTheDocument();
    expect(screen.queryByRole("searchbox")).not.toBeInTheDocument();
  });

  it("keeps the step in the URL but never shows a step whose inputs are missing", () => {
    const provider = ["customer", "reseller", "subscriptions", "review"] as const;
    expect(effectiveStep("", provider, { customer: false, reseller: false, lines: false })).toBe("customer");
    // From the customer page: ?customerId= alone opens the next step.
    expect(effectiveStep("", provider, { customer: true, reseller: false, lines: false })).toBe("reseller");
    expect(effectiveStep("review", provider, { customer: true, reseller: false, lines: true })).toBe("reseller");
    expect(effectiveStep("review", provider, { customer: true, reseller: true, lines: false })).toBe("subscriptions");
    expect(effectiveStep("review", provider, { customer: true, reseller: true, lines: true })).toBe("review");
    expect(effectiveStep("customer", provider, { customer: true, reseller: true, lines: true })).toBe("customer");
  });
});
