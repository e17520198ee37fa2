import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  TransferAskOpenRequestsDocument,
  TransferAskProviderDocument,
  TransferWizardCandidatesDocument,
  TransferWizardCustomerDocument,
  TransferWizardProvidersDocument,
  type TransferWizardCandidatesQuery,
} from "../../../graphql/generated";
import { hasMessage } from "../../../lib/i18n";
import { renderView } from "../../../testing/harness";
import { transferAskMessages } from "../ask-messages";
import { TransferWizardView } from "../TransferWizardView";
import { FIRST_UP, TREY, viewerOf, WINGTIP } from "./fixtures";

type Candidate = TransferWizardCandidatesQuery["transferEligibility"]["nodes"][number];

const CONTOSO = "C-contoso";

/** A CSP subscription of Contoso billed by First Up; `resellerId` credits it to a reseller. */
function candidate(id: string, offerName: string, resellerId: string | null = null): Candidate {
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
      parentSubscription: null,
      transactingPartner: { __typename: "Partner", id: FIRST_UP.id, name: FIRST_UP.name },
      resellerOfRecord: resellerId ? { __typename: "Partner", id: resellerId, name: WINGTIP.name } : null,
    },
    // The reseller's own decision (R22 says no); the flow asks the provider, whose decision comes back on sending.
    decision: {
      __typename: "EligibilityDecision",
      eligible: false,
      asOf: "2026-12-02",
      blocking: [],
      advisories: [],
    },
  };
}

const E5 = candidate("S-e5", "Microsoft 365 E5");
const E3 = candidate("S-e3", "Microsoft 365 E3");
const VISIO = candidate("S-visio", "Visio Plan 2");
const MINE = candidate("S-mine", "Project Plan 3", WINGTIP.id);

const providersMock = {
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
  maxUsageCount: 10,
};

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
  request: { query: TransferWizardCandidatesDocument, variables: { customerId: CONTOSO, first: 100 } },
  result: {
    data: {
      transferEligibility: {
        __typename: "TransferCandidateConnection",
        totalCount: 4,
        pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: null },
        nodes: [E5, E3, VISIO, MINE],
      },
    },
  },
  maxUsageCount: 10,
};

function openRequest(subscriptionId: string, id: string) {
  return {
    __typename: "ProviderRequest" as const,
    id,
    action: "TRANSFER" as const,
    createdAt: "2026-11-20T10:00:00Z",
    subscription: { __typename: "CustomerSubscription" as const, id: subscriptionId },
    provider: { __typename: "Partner" as const, id: TREY.id, name: TREY.name },
  };
}

function openMock(nodes: ReturnType<typeof openRequest>[]) {
  return {
    request: { query: TransferAskOpenRequestsDocument, variables: { customerId: CONTOSO } },
    result: {
      data: { providerRequests: { __typename: "ProviderRequestConnection", nodes } },
    },
  };
}

function askMock(subscriptionId: string, result: object) {
  return {
    request: {
      query: TransferAskProviderDocument,
      variables: {
        input: { action: "TRANSFER", providerId: TREY.id, customerId: CONTOSO, subscriptionId, note: null },
      },
    },
    result: {
      data: {
        requestProviderAction: {
          __typename: "RequestProviderActionPayload",
          providerRequest: null,
          providerDecision: null,
          userErrors: [],
          ...result,
        },
      },
    },
  };
}

const sent = (id: string) => ({
  providerRequest: {
    __typename: "ProviderRequest",
    id,
    status: "OPEN",
    provider: { __typename: "Partner", id: TREY.id, name: TREY.name },
  },
  providerDecision: {
    __typename: "EligibilityDecision",
    action: "TRANSFER",
    eligible: true,
    asOf: "2026-12-02",
    blocking: [],
    advisories: [],
  },
});

const askView = (mocks: object[], viewer = viewerOf(WINGTIP), locale: "en" | "pt-PT" = "en") =>
  renderView(<TransferWizardView />, {
    path: "/transfers/new",
    url: `/transfers/new?customerId=${CONTOSO}`,
    viewer,
    mocks: mocks as never,
    locale,
  });

describe("a reseller's transfer: a TRANSFER request to its provider", () => {
  it("flags a subscription already asked for with its open request instead of offering it again", async () => {
    askView([providersMock, customerMock, candidatesMock, openMock([openRequest("S-e3", "PR-open")])]);

    const e3 = await screen.findByRole("checkbox", { name: "Microsoft 365 E3" });
    const e3Item = e3.closest("li")!;
    expect(
      await within(e3Item).findByText(/You already asked Trey Research Distribution on .*still open/),
    ).toBeInTheDocument();
    expect(e3).toBeDisabled();
    expect(within(e3Item).getByRole("link", { name: "See your open requests" })).toHaveAttribute(
      "href",
      "/requests?direction=SENT&status=OPEN",
    );
    // Already credited to this reseller: nothing to take over, counted but not listed.
    expect(screen.queryByRole("checkbox", { name: "Project Plan 3" })).not.toBeInTheDocument();
    expect(
      screen.getByText("1 subscription already sold through you is not listed: nothing to take over."),
    ).toBeInTheDocument();
    // What can be asked for comes first, the flagged one after.
    expect(
      screen.getAllByRole("checkbox").map((c) => c.getAttribute("aria-label") ?? c.parentElement!.textContent),
    ).toEqual([" Microsoft 365 E5", " Visio Plan 2", " Microsoft 365 E3"]);
    expect(screen.getByRole("checkbox", { name: "Microsoft 365 E5" })).toBeEnabled();
    // Nothing ticked: nothing to send.
    expect(screen.getByRole("button", { name: "Ask my provider to transfer" })).toBeDisabled();
  });

  it("asks for confirmation, then sends one request per subscription and shows each outcome", async () => {
    const user = userEvent.setup();
    askView([
      providersMock,
      customerMock,
      candidatesMock,
      openMock([]),
      askMock("S-e5", sent("PR-1")),
      askMock("S-visio", {
        userErrors: [
          {
            __typename: "UserError",
            field: ["input", "subscriptionId"],
            message: "You already asked for TRANSFER on this subscription.",
            code: "ALREADY_EXISTS",
            ruleId: null,
          },
        ],
      }),
      openMock([openRequest("S-e5", "PR-1"), openRequest("S-visio", "PR-0")]),
    ]);

    await user.click(await screen.findByRole("checkbox", { name: "Microsoft 365 E5" }));
    await user.click(screen.getByRole("checkbox", { name: "Visio Plan 2" }));
    await user.click(screen.getByRole("button", { name: "Ask my provider to transfer" }));

    // Nothing is sent before the confirmation, which names the provider, the count and the customer.
    expect(
      screen.getByText("Ask Trey Research Distribution to take over 2 subscriptions of Contoso Ltd. for you?"),
    ).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Yes, send the request" }));

    const results = await screen.findAllByTestId("ask-result");
    expect(results.map((r) => [r.getAttribute("data-sent"), r.textContent])).toEqual([
      ["true", expect.stringMatching(/^Sent to Trey Research Distribution: transfer Microsoft 365 E5\./)],
      ["false", "Not sent for Visio Plan 2: You already asked for TRANSFER on this subscription."],
    ]);
    // Refetched: both are now flagged as open and can no longer be ticked.
    expect(await screen.findAllByText(/You already asked Trey Research Distribution/)).toHaveLength(2);
    expect(screen.getByRole("checkbox", { name: "Microsoft 365 E5" })).toBeDisabled();
  });

  it("sends nothing when the confirmation is declined", async () => {
    const user = userEvent.setup();
    // No mutation mock: a request sent anyway would fail the expectations below with an error result.
    askView([providersMock, customerMock, candidatesMock, openMock([])]);
    await user.click(await screen.findByRole("checkbox", { name: "Microsoft 365 E5" }));
    await user.click(screen.getByRole("button", { name: "Ask my provider to transfer" }));
    await user.click(screen.getByRole("button", { name: "No, keep it" }));
    // Give a stray request time to come back (it would show as a failed result).
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByTestId("ask-result")).not.toBeInTheDocument();
    expect(screen.getByRole("checkbox", { name: "Microsoft 365 E5" })).toBeChecked();
  });

  it("speaks Portuguese: every message of the flow has its pt-PT text", async () => {
    const keys = Object.keys(transferAskMessages.en);
    expect(keys.filter((k) => !hasMessage("pt-PT", k))).toEqual([]);
    askView(
      [providersMock, customerMock, candidatesMock, openMock([openRequest("S-e3", "PR-open")])],
      viewerOf(WINGTIP),
      "pt-PT",
    );
    expect(
      await screen.findByRole("heading", { level: 1, name: "Pedir ao meu fornecedor uma transferência" }),
    ).toBeInTheDocument();
    expect(await screen.findByText(/Já pediu a Trey Research Distribution em .*continua aberto/)).toBeInTheDocument();
    expect(screen.getByText("1 subscrição já vendida por si não é mostrada: nada a assumir.")).toBeInTheDocument();
  });
});
