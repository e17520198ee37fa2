import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MockedProvider } from "@apollo/client/testing/react";
import type { MockLink } from "@apollo/client/testing";
import { MemoryRouter, Route, Routes } from "react-router";
import { describe, expect, it } from "vitest";
import { I18nProvider } from "../../../lib/i18n";
import { RelationshipAcceptDocument } from "../../../graphql/generated";
import { AcceptRelationshipView } from "../AcceptRelationshipView";

const TOKEN = "tok_abcdefghijklmnopqrstuvwx";

function renderPage(
  mocks: MockLink.MockedResponse[],
  route = `/relationships/accept?token=${TOKEN}`,
  locale: "en" | "pt-PT" = "en",
) {
  return render(
    <I18nProvider locale={locale}>
      <MockedProvider mocks={mocks}>
        <MemoryRouter initialEntries={[route]}>
          <Routes>
            <Route path="/relationships/accept" element={<AcceptRelationshipView />} />
          </Routes>
        </MemoryRouter>
      </MockedProvider>
    </I18nProvider>,
  );
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

  it("asks for the code when the link has none, in Portuguese too", () => {
    renderPage([], "/relationships/accept", "pt-PT");
    expect(screen.getByRole("heading", { level: 1, name: "Aceitar uma relação com um parceiro" })).toBeInTheDocument();
    expect(screen.getByLabelText("Código de aceitação")).toBeInTheDocument();
  });
});
