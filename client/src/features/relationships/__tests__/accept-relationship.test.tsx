import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { MockLink } from "@apollo/client/testing";
import { describe, expect, it, vi } from "vitest";
import { renderView } from "../../../testing/harness";
import { GraphQLError } from "graphql";
import { RelationshipAcceptDocument, RelationshipPreviewDocument } from "../../../graphql/generated";
import { AcceptRelationshipView } from "../AcceptRelationshipView";
import type { CustomerAdminSession } from "../customer-admin-sign-in";

const TOKEN = "tok_abcdefghijklmnopqrstuvwx";
const SESSION: CustomerAdminSession = { token: "session.jwt.signed", upn: "admin@fabrikam.onmicrosoft.com" };

const preview = {
  __typename: "RelationshipRequestPreview",
  customerName: "Fabrikam, Inc.",
  customerDomain: "fabrikam.onmicrosoft.com",
  partnerNames: ["Trey Research", "Wingtip Toys"],
  includesDelegatedAdmin: true,
  requestedAt: "2026-11-20T10:00:00.000Z",
  requestExpiresAt: "2026-11-27T10:00:00.000Z",
};

/** The preview of the link's request for the signed-in admin; null when unknown, expired, used or not theirs. */
const previewMock = (result: typeof preview | null, token = TOKEN): MockLink.MockedResponse => ({
  request: { query: RelationshipPreviewDocument, variables: { token, customerAdminToken: SESSION.token } },
  result: { data: { relationshipRequest: result } },
});

const acceptMock = (result: Record<string, unknown>, delay = 0): MockLink.MockedResponse => ({
  request: {
    query: RelationshipAcceptDocument,
    variables: { input: { token: TOKEN, customerAdminToken: SESSION.token } },
  },
  delay,
  result,
});

/** The simulated sign-in, stubbed: the session for fabrikam's domain, nothing for any other. */
const signIn = vi.fn(async (upn: string) => (upn.endsWith("@fabrikam.onmicrosoft.com") ? SESSION : null));

function renderPage(
  mocks: MockLink.MockedResponse[],
  route = `/relationships/accept?token=${TOKEN}`,
  locale: "en" | "pt-PT" = "en",
  methods = { demo: true, customerOidc: false },
) {
  return renderView(<AcceptRelationshipView signIn={signIn} methods={methods} />, {
    url: route,
    path: "/relationships/accept",
    locale,
    mocks,
  });
}

async function signInAs(user: ReturnType<typeof userEvent.setup>, upn = SESSION.upn) {
  await user.type(screen.getByLabelText("Your user name (global administrator)"), upn);
  await user.click(screen.getByRole("button", { name: "Sign in" }));
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
  it("explains what accepting means and asks the admin to sign in first: nothing of the request before", () => {
    renderPage([]);
    expect(screen.getByRole("heading", { level: 1, name: "Accept a partner relationship" })).toBeInTheDocument();
    const means = screen.getByRole("region", { name: "What accepting means" });
    expect(means).toHaveTextContent("Reseller relationship.");
    expect(means).toHaveTextContent("Microsoft Customer Agreement.");
    expect(screen.getByRole("combobox", { name: "Language" })).toBeInTheDocument();
    expect(screen.queryByRole("navigation")).not.toBeInTheDocument();
    expect(screen.getByRole("form", { name: "Sign in to your organisation" })).toBeInTheDocument();
    // The request is shown only to the signed-in admin; the token comes from the link: no field for it.
    expect(screen.queryByRole("region", { name: "What this link asks" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Accept the relationship" })).not.toBeInTheDocument();
    expect(screen.queryByLabelText("Acceptance code")).not.toBeInTheDocument();
  });

  it("a refused sign-in is shown beside the user name, and nothing is asked of the API", async () => {
    const user = userEvent.setup();
    renderPage([]);
    await signInAs(user, "someone@gmail.com");
    const upn = screen.getByLabelText("Your user name (global administrator)");
    await waitFor(() => expect(upn).toHaveAccessibleDescription(/This sign-in was refused/));
    expect(upn).toHaveAttribute("aria-invalid", "true");
    expect(signIn).toHaveBeenLastCalledWith("someone@gmail.com");
  });

  it("once signed in: what the link asks, the consent, the server's error at the top, then the success", async () => {
    const user = userEvent.setup();
    renderPage([
      previewMock(preview),
      acceptMock(
        payload({
          userErrors: [
            {
              __typename: "UserError",
              field: ["input", "customerAdminToken"],
              message: "Sign in as a global admin of the customer's tenant to accept",
              code: "NOT_ALLOWED",
              ruleId: null,
            },
          ],
        }),
        300,
      ),
      acceptMock(
        payload({ customerName: "Fabrikam", partnerNames: ["Trey Research", "Wingtip Toys"], acceptedCount: 2 }),
      ),
    ]);
    await signInAs(user);
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
    expect(asks).toHaveTextContent("Link expires");
    expect(screen.getByText("Signed in as admin@fabrikam.onmicrosoft.com.")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Accept the relationship" }));
    // Consent first (client-side, beside its box).
    const consent = screen.getByRole("checkbox");
    expect(consent).toHaveAccessibleDescription("Confirm that you accept on your organisation's behalf.");
    await user.click(consent);
    await user.click(screen.getByRole("button", { name: "Accept the relationship" }));
    expect(await screen.findByRole("button", { name: "Accepting…" })).toBeDisabled();
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Sign in as a global admin of the customer's tenant to accept",
    );

    await user.click(screen.getByRole("button", { name: "Accept the relationship" }));
    const done = await screen.findByRole("region", { name: "Relationship accepted" });
    expect(done).toHaveTextContent("Fabrikam now works with:");
    expect(
      within(done)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["Trey Research", "Wingtip Toys"]);
  });

  it("says clearly when the link is unknown, expired, used or not this organisation's, with no form", async () => {
    const user = userEvent.setup();
    renderPage([previewMock(null)]);
    await signInAs(user);
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "This link cannot be usedIt is unknown, it has expired (links work for 7 days), it was already used to accept, or it is not for the organisation you signed in to.",
    );
    expect(screen.queryByRole("form")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Accept the relationship" })).not.toBeInTheDocument();
  });

  it("treats a malformed code as an unknown link", async () => {
    const user = userEvent.setup();
    renderPage(
      [
        {
          request: {
            query: RelationshipPreviewDocument,
            variables: { token: "short", customerAdminToken: SESSION.token },
          },
          result: {
            errors: [
              new GraphQLError("must be 16 to 64 characters", {
                extensions: { code: "BAD_USER_INPUT", field: "token" },
              }),
            ],
          },
        },
      ],
      "/relationships/accept?token=short",
    );
    await signInAs(user);
    expect(await screen.findByRole("alert")).toHaveTextContent("This link cannot be used");
  });

  it("asks for the code when the link has none, in Portuguese too, and needs it before signing in", async () => {
    const user = userEvent.setup();
    renderPage([], "/relationships/accept", "pt-PT");
    expect(screen.getByRole("heading", { level: 1, name: "Aceitar uma relação com um parceiro" })).toBeInTheDocument();
    const code = screen.getByLabelText("Código de aceitação");
    await user.type(screen.getByLabelText("O seu nome de utilizador (administrador global)"), SESSION.upn);
    await user.click(screen.getByRole("button", { name: "Iniciar sessão" }));
    await waitFor(() => expect(code).toHaveAccessibleDescription(/Falta o código de aceitação/));
  });

  it("offers the organisation's Microsoft sign-in when the server has it, and no simulated one without the demo", () => {
    renderPage([], undefined, "en", { demo: false, customerOidc: true });
    const link = screen.getByRole("link", { name: "Sign in with your organisation's Microsoft account" });
    expect(link).toHaveAttribute("href", `/auth/oidc/customer/login?link=${TOKEN}`);
    expect(screen.queryByLabelText("Your user name (global administrator)")).not.toBeInTheDocument();
  });

  it("keeps the simulated sign-in alone when only the demo is on", () => {
    renderPage([]);
    expect(screen.queryByRole("link", { name: /Microsoft account/ })).not.toBeInTheDocument();
    expect(screen.getByLabelText("Your user name (global administrator)")).toBeInTheDocument();
  });

  it("back from the Microsoft sign-in, takes the session from the fragment and shows what the link asks", async () => {
    const fragment = new URLSearchParams({ session: SESSION.token, upn: SESSION.upn });
    renderPage([previewMock(preview)], `/relationships/accept?token=${TOKEN}#${fragment.toString()}`, "en", {
      demo: false,
      customerOidc: true,
    });
    const asks = await screen.findByRole("region", { name: "What this link asks" });
    expect(await within(asks).findByText("Fabrikam, Inc.")).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: /Microsoft account/ })).not.toBeInTheDocument();
    expect(screen.getByTestId("location")).toHaveTextContent(`/relationships/accept?token=${TOKEN}`);
  });
});
