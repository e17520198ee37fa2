import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  TransferAcceptDocument,
  TransferDetailDocument,
  type TransferDetailFieldsFragment,
  type TransferStatus,
} from "../../../graphql/generated";
import { TransferDetailView } from "../TransferDetailView";
import { FIRST_UP, FOURTH, TREY, viewerOf, WINGTIP } from "./fixtures";
import { renderView } from "../../../testing/harness";

const ID = "T-contoso";

function transfer(
  status: TransferStatus,
  daysLeft: number | null,
  extra: Partial<TransferDetailFieldsFragment> = {},
): TransferDetailFieldsFragment {
  const ref = (p: typeof FIRST_UP) => ({
    __typename: "Partner" as const,
    id: p.id,
    name: p.name,
    partnerId: p.partnerId,
    country: p.country,
  });
  return {
    __typename: "Transfer",
    id: ID,
    status,
    direction: "OUTGOING",
    createdAt: "2026-08-08T10:00:00.000Z",
    respondedAt: null,
    expiresOn: "2026-09-07",
    daysLeft,
    customer: {
      __typename: "Customer",
      id: "C-contoso",
      name: "Contoso Ltd.",
      domain: "contoso.onmicrosoft.com",
      country: "US",
    },
    sourcePartner: ref(FIRST_UP),
    targetPartner: ref(TREY),
    reseller: ref(WINGTIP),
    subscriptions: [
      {
        __typename: "CustomerSubscription",
        id: "S-e5",
        offerName: "Microsoft 365 E5",
        offerId: "CFQ7TTC0LFLZ:0001",
        offerKind: "LICENSE_BASED",
        commerceModel: "NEW_COMMERCE",
        quantity: 40,
        status: "ACTIVE",
        termDuration: "P1Y",
        commitmentEndDate: "2027-03-01",
        parentSubscription: null,
        transactingPartner: { __typename: "Partner", id: FIRST_UP.id, name: FIRST_UP.name },
      },
      {
        __typename: "CustomerSubscription",
        id: "S-audio",
        offerName: "Teams Audio Conferencing",
        offerId: "CFQ7TTC0LFK3:0001",
        offerKind: "LICENSE_BASED",
        commerceModel: "NEW_COMMERCE",
        quantity: 40,
        status: "ACTIVE",
        termDuration: "P1Y",
        commitmentEndDate: "2027-03-01",
        parentSubscription: { __typename: "CustomerSubscription", id: "S-e5" },
        transactingPartner: { __typename: "Partner", id: FIRST_UP.id, name: FIRST_UP.name },
      },
    ],
    ...extra,
  };
}

function detailMock(t: TransferDetailFieldsFragment, maxUsageCount = 1) {
  return {
    request: { query: TransferDetailDocument, variables: { id: ID } },
    result: { data: { node: t } },
    maxUsageCount,
  };
}

const detail = (viewer: ReturnType<typeof viewerOf>, mocks: object[]) =>
  renderView(<TransferDetailView />, {
    path: "/transfers/:transferId",
    url: `/transfers/${ID}`,
    viewer,
    mocks: mocks as never,
  });

describe("transfer detail: actions by party", () => {
  it("offers the source partner Accept and Reject, not Withdraw, and shows an urgent countdown", async () => {
    detail(viewerOf(FIRST_UP), [detailMock(transfer("PENDING", 5))]);

    expect(await screen.findByRole("heading", { name: "Transfer of Contoso Ltd." })).toBeInTheDocument();
    const actions = screen.getByRole("region", { name: "Actions" });
    expect(within(actions).getByRole("button", { name: "Accept" })).toBeEnabled();
    expect(within(actions).getByRole("button", { name: "Reject" })).toBeEnabled();
    expect(within(actions).queryByRole("button", { name: "Withdraw" })).not.toBeInTheDocument();

    const countdown = screen.getByText(/5 days left/);
    expect(countdown).toHaveAttribute("data-urgent", "true");
    expect(countdown).toHaveClass("xfer-countdown-urgent");
    expect(screen.getByText(/Last day to accept: Sep 7, 2026/)).toBeInTheDocument();

    // Lines: offer, quantity, status; the add-on names its base.
    const lines = screen.getByRole("table", { name: "Subscriptions (2)" });
    expect(within(lines).getByText("Microsoft 365 E5")).toBeInTheDocument();
    expect(within(lines).getByText(/add-on of Microsoft 365 E5/)).toBeInTheDocument();
  });

  it("offers the target partner Withdraw only, with a calm countdown when time is left", async () => {
    detail(viewerOf(TREY), [detailMock(transfer("PENDING", 12, { direction: "INCOMING" }))]);

    const actions = await screen.findByRole("region", { name: "Actions" });
    expect(within(actions).getByRole("button", { name: "Withdraw" })).toBeEnabled();
    expect(within(actions).queryByRole("button", { name: "Accept" })).not.toBeInTheDocument();
    expect(within(actions).queryByRole("button", { name: "Reject" })).not.toBeInTheDocument();
    const countdown = screen.getByText("12 days left");
    expect(countdown).not.toHaveAttribute("data-urgent");
    expect(countdown).not.toHaveClass("xfer-countdown-urgent");
  });

  it("gives the named reseller no buttons, only who acts", async () => {
    detail(viewerOf(WINGTIP), [detailMock(transfer("PENDING", 12))]);
    const actions = await screen.findByRole("region", { name: "Actions" });
    expect(within(actions).queryByRole("button")).not.toBeInTheDocument();
    expect(actions).toHaveTextContent("You are named as the reseller: your provider Trey Research Distribution");
    expect(actions).toHaveTextContent(
      "Only First Up Consultants (the source) can accept or reject this request, and only Trey Research Distribution (the target) can withdraw it.",
    );
  });

  it("disables the buttons with the reason once the transfer is no longer pending", async () => {
    detail(viewerOf(TREY), [detailMock(transfer("EXPIRED", null))]);
    const withdraw = await screen.findByRole("button", { name: "Withdraw" });
    expect(withdraw).toBeDisabled();
    expect(withdraw).toHaveAccessibleDescription(/Nothing to do: this transfer is expired\./);
    expect(screen.queryByText(/days left/)).not.toBeInTheDocument();
    expect(screen.getByText(/expired on Sep 7, 2026/)).toBeInTheDocument();
  });

  it("disables the buttons for a role that cannot answer transfers", async () => {
    detail(viewerOf(FIRST_UP, "HELPDESK_AGENT"), [detailMock(transfer("PENDING", 20))]);
    const accept = await screen.findByRole("button", { name: "Accept" });
    expect(accept).toBeDisabled();
    expect(accept).toHaveAccessibleDescription(/Your role \(Helpdesk agent\)/);
  });

  it("asks for confirmation, then shows the server's refusal and the refreshed status", async () => {
    const user = userEvent.setup();
    const expired = transfer("EXPIRED", null, { respondedAt: "2026-09-08T09:00:00.000Z" });
    detail(viewerOf(FIRST_UP), [
      detailMock(transfer("PENDING", 1)),
      {
        request: { query: TransferAcceptDocument, variables: { input: { transferId: ID } } },
        result: {
          data: {
            acceptTransfer: {
              __typename: "TransferPayload",
              transfer: expired,
              userErrors: [
                {
                  __typename: "UserError",
                  field: ["input", "transferId"],
                  code: "TRANSFER_EXPIRED",
                  message: "The request expired after 30 days; the target must create a new one",
                  ruleId: null,
                },
              ],
            },
          },
        },
        delay: 20,
      },
      detailMock(expired, 5),
    ]);

    expect(await screen.findByText("1 day left")).toHaveClass("xfer-countdown-urgent");
    await user.click(screen.getByRole("button", { name: "Accept" }));
    const confirm = screen.getByRole("group", { name: /Accept this transfer\?/ });
    expect(confirm).toHaveTextContent("with Wingtip Toys IT as reseller of record");
    const yes = within(confirm).getByRole("button", { name: "Yes, accept" });
    expect(yes).toHaveFocus();

    await user.click(yes);
    expect(await screen.findByRole("button", { name: "Accepting…" })).toBeDisabled();

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The request expired after 30 days; the target must create a new one");
    expect(alert.querySelector("[data-code='TRANSFER_EXPIRED']")).not.toBeNull();
    expect(await screen.findByRole("button", { name: "Accept" })).toBeDisabled();
    expect(screen.queryByText(/day left/)).not.toBeInTheDocument();
  });

  it("says so when the id is not a transfer in the network", async () => {
    detail(viewerOf(FOURTH), [
      { request: { query: TransferDetailDocument, variables: { id: ID } }, result: { data: { node: null } } },
    ]);
    expect(await screen.findByText("This transfer does not exist or is not in your network.")).toBeInTheDocument();
  });
});
