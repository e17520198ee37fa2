import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { MockLink } from "@apollo/client/testing";
import { describe, expect, it } from "vitest";
import { renderView } from "../../../testing/harness";
import { GraphQLError } from "graphql";
import { RelationshipAcceptDocument, RelationshipPreviewDocument } from "../../../graphql/generated";
import { AcceptRelationshipView } from "../AcceptRelationshipView";

const TOKEN = "tok_abcdefghijklmnopqrstuvwx";

const preview = {
  __typename: "RelationshipRequestPreview",
  customerName: "Fabrikam, Inc.",
  customerDomain: "fabrikam.onmicrosoft.com",
  partnerNames: ["Trey Research", "Wingtip Toys"],
  includesDelegatedAdmin: true,
  requestedAt: "2026-11-20T10:00:00.000Z",
};

/** The public preview of the link's request (relationshipRequest); null when the link is unknown or used. */
const previewMock = (result: typeof preview | null, token = TOKEN): MockLink.MockedResponse => ({
  request: { query: RelationshipPreviewDocument, variables: { token } },
  result: { data: { relationshipRequest: result } },
});

function renderPage(
  mocks: MockLink.MockedResponse[],
  route = `/relationships/accept?token=${TOKEN}`,
  locale: "en" | "pt-PT" = "en",
  previewMocks: MockLink.MockedResponse[] = [previewMock(preview)],
) {
  return renderView(<AcceptRelationshipView />, {
    url: route,
    path: "/relationships/accept",
    locale,
    mocks: [...previewMocks, ...mocks],
  });
}

const payload = (fields: Record<string, unknown>) => ({
  data: {
    acceptCustomerRelationship: {
      __typename: "AcceptRelationshipPayload",
      customerName: null,
      partnerNames: null,
      acceptedCount: null,
      userErrors: [],
      ...fields,
    },
  },
});

describe("AcceptRelationshipView", () => {
  it("explains what accepting means, without the signed-in layout, with a language switch", () => {
    renderPage([]);
    expect(screen.getByRole("heading", { level: 1, name: "Accept a partner relationship" })).toBeInTheDocument();
    const means = screen.getByRole("region", { name: "What accepting means" });
    expect(means).toHaveTextContent("Reseller relationship.");
    expect(means).toHaveTextContent("Delegated administration, if requested.");
    expect(means).toHaveTextContent("Microsoft Customer Agreement.");
    expect(screen.getByRole("combobox", { name: "Language" })).toBeInTheDocument();
    expect(screen.queryByRole("navigation")).not.toBeInTheDocument();
    // The token comes from the link: no field for it.
    expect(screen.queryByLabelText("Acceptance code")).not.toBeInTheDocument();
  });

  it("shows the server's userError beside the UPN, disables the button while pending, then the success", async () => {
    const user = userEvent.setup();
    renderPage([
      {
        request: {
          query: RelationshipAcceptDocument,
          variables: { input: { token: TOKEN, acceptedBy: "someone@gmail.com" } },
        },
        delay: 300,
        result: payload({
          userErrors: [
            {
              __typename: "UserError",
              field: ["input", "acceptedBy"],
              message: "must be a user of fabrikam.onmicrosoft.com",
              code: "INVALID_INPUT",
              ruleId: null,
            },
          ],
        }),
      },
      {
        request: {
          query: RelationshipAcceptDocument,
          variables: { input: { token: TOKEN, acceptedBy: "admin@fabrikam.onmicrosoft.com" } },
        },
        result: payload({
          customerName: "Fabrikam",
          partnerNames: ["Trey Research", "Wingtip Toys"],
          acceptedCount: 2,
        }),
      },
    ]);
    const upn = screen.getByLabelText("Your user name (global administrator)");
    await user.type(upn, "someone@gmail.com");
    await user.click(screen.getByRole("button", { name: "Accept the relationship" }));
    // Consent first (client-side, beside its box).
    const consent = screen.getByRole("checkbox");
    expect(consent).toHaveAccessibleDescription("Confirm that you accept on your organisation's behalf.");
    await user.click(consent);
    await user.click(screen.getByRole("button", { name: "Accept the relationship" }));
    expect(await screen.findByRole("button", { name: "Accepting…" })).toBeDisabled();
    await waitFor(() => expect(upn).toHaveAccessibleDescription(/must be a user of fabrikam.onmicrosoft.com/));
    expect(upn).toHaveAttribute("aria-invalid", "true");

    await user.clear(upn);
    await user.type(upn, "admin@fabrikam.onmicrosoft.com");
    await user.click(screen.getByRole("button", { name: "Accept the relationship" }));
    const done = await screen.findByRole("region", { name: "Relationship accepted" });
    expect(done).toHaveTextContent("Fabrikam now works with:");
    expect(
      within(done)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["Trey Research", "Wingtip Toys"]);
  });

  it("puts an invalid-link error at the top when the token came with the link, and asks for it when missing", async () => {
    const user = userEvent.setup();
    renderPage([
      {
        request: {
          query: RelationshipAcceptDocument,
          variables: { input: { token: TOKEN, acceptedBy: "admin@fabrikam.com" } },
        },
        result: payload({
          userErrors: [
            {
              __typename: "UserError",
              field: ["input", "token"],
              message: "This link is not valid or was already used",
              code: "NOT_FOUND",
              ruleId: null,
            },
          ],
        }),
      },
    ]);
    await user.type(screen.getByLabelText("Your user name (global administrator)"), "admin@fabrikam.com");
    await user.click(screen.getByRole("checkbox"));
    await user.click(screen.getByRole("button", { name: "Accept the relationship" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("This link is not valid or was already used");
  });

  it("shows what the link asks before the form: the customer, both partners and delegated admin", async () => {
    renderPage([]);
    const asks = await screen.findByRole("region", { name: "What this link asks" });
    expect(await within(asks).findByText("Fabrikam, Inc.")).toBeInTheDocument();
    expect(asks).toHaveTextContent("fabrikam.onmicrosoft.com");
    expect(
      within(asks)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["Trey Research", "Wingtip Toys"]);
    expect(asks).toHaveTextContent("Partners (two-tier: accepting makes both your partners)");
    expect(asks).toHaveTextContent("Delegated administration (GDAP)Requested");
    expect(screen.getByLabelText("Your user name (global administrator)")).toHaveAccessibleDescription(
      "A user of fabrikam.onmicrosoft.com, e.g. admin@fabrikam.onmicrosoft.com",
    );
  });

  it("says clearly when the link is unknown or already used, with no form", async () => {
    renderPage([], undefined, "en", [previewMock(null)]);
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "This link cannot be usedIt is unknown, or it was already used to accept.",
    );
    expect(screen.queryByRole("form")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Accept the relationship" })).not.toBeInTheDocument();
  });

  it("treats a malformed code as an unknown link", async () => {
    renderPage([], "/relationships/accept?token=short", "en", [
      {
        request: { query: RelationshipPreviewDocument, variables: { token: "short" } },
        result: {
          errors: [
            new GraphQLError("must be 16 to 64 characters", { extensions: { code: "BAD_USER_INPUT", field: "token" } }),
          ],
        },
      },
    ]);
    expect(await screen.findByRole("alert")).toHaveTextContent("This link cannot be used");
  });

  it("asks for the code when the link has none, in Portuguese too", () => {
    renderPage([], "/relationships/accept", "pt-PT", []);
    expect(screen.getByRole("heading", { level: 1, name: "Aceitar uma relação com um parceiro" })).toBeInTheDocument();
    expect(screen.getByLabelText("Código de aceitação")).toBeInTheDocument();
  });
});
