import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  NetworkAcceptInvitationDocument,
  NetworkProvidersDocument,
  type NetworkProvidersQuery,
  type PartnershipStatus,
} from "../../../graphql/generated";
import { ProviderListView } from "../ProviderListView";
import { makeViewer, renderView } from "../../../testing/harness";

type Row = NetworkProvidersQuery["providers"]["nodes"][number];

const row = (status: PartnershipStatus): Row => ({
  __typename: "ResellerPartnership",
  id: "UmVzZWxsZXJQYXJ0bmVyc2hpcDpzdW1taXQ",
  status,
  invitedAt: "2026-11-20T00:00:00.000Z",
  acceptedAt: status === "ACTIVE" ? "2026-11-25T00:00:00.000Z" : null,
  removedAt: null,
  complianceFlags: [],
  counts: { __typename: "PartnershipCounts", customers: 0, subscriptions: 0 },
  provider: {
    __typename: "Partner",
    id: "UGFydG5lcjp0cmV5",
    name: "Trey Research",
    partnerId: "4847383",
    country: "US",
  },
});

const listMock = (r: Row) => ({
  request: {
    query: NetworkProvidersDocument,
    variables: { first: 20, after: null, filter: { status: ["ACTIVE", "INVITED"] } },
  },
  result: {
    data: {
      providers: {
        __typename: "ResellerPartnershipConnection",
        totalCount: 1,
        pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: null },
        nodes: [r],
      },
    },
  },
});

const reseller = makeViewer({ types: ["INDIRECT_RESELLER"] });

describe("ProviderListView", () => {
  it("accepts an invitation and shows the partnership as active", async () => {
    const accepted = row("ACTIVE");
    const { provider: _provider, ...partnership } = accepted;
    renderView(<ProviderListView />, {
      url: "/providers",
      viewer: reseller,
      mocks: [
        listMock(row("INVITED")),
        {
          request: { query: NetworkAcceptInvitationDocument, variables: { input: { partnershipId: accepted.id } } },
          result: {
            data: {
              acceptResellerInvitation: { __typename: "PartnershipPayload", partnership, userErrors: [] },
            },
          },
        },
        listMock(accepted),
      ],
    });

    const tableRow = await screen.findByTestId("provider-row");
    expect(within(tableRow).getByText("Invited")).toBeInTheDocument();
    expect(within(tableRow).getByRole("button", { name: "End partnership with Trey Research" })).toHaveTextContent(
      "Decline",
    );

    await userEvent.click(within(tableRow).getByRole("button", { name: "Accept the invitation from Trey Research" }));

    expect(await screen.findByText(/You now work with Trey Research/)).toBeInTheDocument();
    const updated = screen.getByTestId("provider-row");
    expect(within(updated).getByText("Active")).toBeInTheDocument();
    expect(within(updated).queryByRole("button", { name: /Accept the invitation/ })).not.toBeInTheDocument();
  });

  it("shows a refusal in the row", async () => {
    renderView(<ProviderListView />, {
      url: "/providers",
      viewer: reseller,
      mocks: [
        listMock(row("INVITED")),
        {
          request: {
            query: NetworkAcceptInvitationDocument,
            variables: { input: { partnershipId: row("INVITED").id } },
          },
          result: {
            data: {
              acceptResellerInvitation: {
                __typename: "PartnershipPayload",
                partnership: null,
                userErrors: [
                  {
                    __typename: "UserError",
                    field: ["input", "partnershipId"],
                    message: "The partnership is REMOVED, not INVITED",
                    code: "INVALID_STATE",
                    ruleId: null,
                  },
                ],
              },
            },
          },
        },
      ],
    });
    await userEvent.click(await screen.findByRole("button", { name: "Accept the invitation from Trey Research" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The partnership is REMOVED, not INVITED");
  });

  it("tells partners that are not resellers that they have no providers", () => {
    renderView(<ProviderListView />, { url: "/providers" });
    expect(screen.getByText(/Only indirect resellers have providers/)).toBeInTheDocument();
  });
});
