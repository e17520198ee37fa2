import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  SettingsApiTokensDocument,
  SettingsCreateApiTokenDocument,
  SettingsRevokeApiTokenDocument,
  type SettingsApiTokenRowFragment,
} from "../../../graphql/generated";
import { makeViewer, renderView, userError } from "../../../testing/harness";
import { ApiTokensView } from "../ApiTokensView";

const DAY = 86_400_000;
const future = new Date(Date.now() + 30 * DAY).toISOString();
const creator = {
  __typename: "User" as const,
  id: "VXNlcjox",
  displayName: "Megan",
  email: "admin@treyresearch.example",
};

const token = (
  id: string,
  name: string,
  extra: Partial<SettingsApiTokenRowFragment> = {},
): SettingsApiTokenRowFragment => ({
  __typename: "ApiToken",
  id,
  name,
  prefix: "cg_abcdef",
  scopes: ["READ"],
  createdAt: "2026-11-01T10:00:00.000Z",
  expiresAt: future,
  lastUsedAt: null,
  revokedAt: null,
  createdBy: creator,
  ...extra,
});

const billing = token("QXBpVG9rZW46MQ", "Billing export", {
  scopes: ["READ", "WRITE"],
  lastUsedAt: "2026-11-30T09:00:00.000Z",
});
const old = token("QXBpVG9rZW46Mg", "Old tool", { revokedAt: "2026-11-15T10:00:00.000Z" });
const expired = token("QXBpVG9rZW46Mw", "Expired tool", { expiresAt: "2026-01-01T00:00:00.000Z" });

const listMock = (nodes: SettingsApiTokenRowFragment[], maxUsageCount = 10) => ({
  request: { query: SettingsApiTokensDocument, variables: { first: 25, after: null } },
  result: {
    data: {
      apiTokens: {
        __typename: "ApiTokenConnection",
        totalCount: nodes.length,
        pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: null },
        nodes,
      },
    },
  },
  maxUsageCount,
});

const SECRET = "cg_" + "A".repeat(43);

afterEach(() => vi.restoreAllMocks());

describe("Settings → API tokens", () => {
  it("lists tokens with access, expiry, last use and creator; only usable ones can be revoked", async () => {
    renderView(<ApiTokensView />, { url: "/settings/api-tokens", mocks: [listMock([billing, old, expired])] });
    const rows = await screen.findAllByTestId("token-row");
    expect(rows[0]).toHaveTextContent("Read, Write");
    expect(rows[0]).toHaveTextContent("Megan");
    expect(rows[0]).toHaveTextContent("Nov 30, 2026");
    expect(within(rows[0]!).getByRole("button", { name: "Revoke Billing export" })).toBeEnabled();
    expect(rows[1]).toHaveTextContent("Revoked Nov 15, 2026");
    expect(rows[1]).toHaveTextContent("Never");
    expect(within(rows[1]!).queryByRole("button")).not.toBeInTheDocument();
    expect(rows[2]).toHaveTextContent("Expired");
    expect(within(rows[2]!).queryByRole("button")).not.toBeInTheDocument();
  });

  it("creates a token and shows its secret once, with a copy button and a warning", async () => {
    const u = userEvent.setup();
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    const created = token("QXBpVG9rZW46NA", "CI pipeline", { scopes: ["READ", "WRITE"] });
    let sent: Record<string, unknown> | null = null;
    renderView(<ApiTokensView />, {
      url: "/settings/api-tokens",
      mocks: [
        listMock([billing], 1),
        {
          request: {
            query: SettingsCreateApiTokenDocument,
            variables: (v: { input: Record<string, unknown> }) => ((sent = v.input), true),
          },
          result: {
            data: {
              createApiToken: {
                __typename: "CreateApiTokenPayload",
                token: SECRET,
                apiToken: created,
                userErrors: [],
              },
            },
          },
        },
        listMock([created, billing]),
      ],
    });
    await u.click(await screen.findByRole("button", { name: "Create API token" }));
    await u.type(screen.getByLabelText(/^Name/), "CI pipeline");
    await u.selectOptions(screen.getByLabelText("Access"), "WRITE");
    await u.selectOptions(screen.getByLabelText("Expires after"), "365");
    await u.click(screen.getByRole("button", { name: "Create token" }));

    const secret = await screen.findByTestId("token-secret");
    expect(within(secret).getByLabelText("Token")).toHaveValue(SECRET);
    expect(secret).toHaveTextContent("This is the only time the token CI pipeline is shown");
    expect(sent!.name).toBe("CI pipeline");
    expect(sent!.scopes).toEqual(["READ", "WRITE"]);
    const days = (Date.parse(sent!.expiresAt as string) - Date.now()) / DAY;
    expect(days).toBeGreaterThan(364.9);
    expect(days).toBeLessThanOrEqual(365);

    await u.click(within(secret).getByRole("button", { name: "Copy" }));
    expect(writeText).toHaveBeenCalledWith(SECRET);
    expect(await within(secret).findByText("Copied to the clipboard.")).toBeInTheDocument();

    await u.click(within(secret).getByRole("button", { name: "I have copied it" }));
    expect(screen.queryByTestId("token-secret")).not.toBeInTheDocument();
    expect(screen.queryByDisplayValue(SECRET)).not.toBeInTheDocument();
    expect(await screen.findAllByTestId("token-row")).toHaveLength(2);
  });

  it("shows a refused creation beside its fields and keeps the form", async () => {
    const u = userEvent.setup();
    renderView(<ApiTokensView />, {
      url: "/settings/api-tokens?create=1",
      mocks: [
        listMock([]),
        {
          request: { query: SettingsCreateApiTokenDocument, variables: () => true },
          result: {
            data: {
              createApiToken: {
                __typename: "CreateApiTokenPayload",
                token: null,
                apiToken: null,
                userErrors: [userError("name", "must be 1–100 characters")],
              },
            },
          },
        },
      ],
    });
    await u.click(await screen.findByRole("button", { name: "Create token" }));
    const name = screen.getByLabelText(/^Name/);
    await waitFor(() => expect(name).toHaveFocus());
    expect(name).toHaveAccessibleDescription(/must be 1–100 characters/);
    expect(screen.queryByTestId("token-secret")).not.toBeInTheDocument();
    expect(screen.getByText("No API tokens yet.")).toBeInTheDocument();
  });

  it("revokes after a confirmation; a refusal shows on the row", async () => {
    const u = userEvent.setup();
    const other = token("QXBpVG9rZW46NQ", "Other tool");
    renderView(<ApiTokensView />, {
      url: "/settings/api-tokens",
      mocks: [
        listMock([billing, other]),
        {
          request: { query: SettingsRevokeApiTokenDocument, variables: { input: { id: billing.id } } },
          result: {
            data: {
              revokeApiToken: {
                __typename: "RevokeApiTokenPayload",
                apiToken: { ...billing, revokedAt: "2026-12-02T08:00:00.000Z" },
                userErrors: [],
              },
            },
          },
        },
        {
          request: { query: SettingsRevokeApiTokenDocument, variables: { input: { id: other.id } } },
          result: {
            data: {
              revokeApiToken: {
                __typename: "RevokeApiTokenPayload",
                apiToken: null,
                userErrors: [userError("id", "The token is already revoked", "INVALID_STATE")],
              },
            },
          },
        },
      ],
    });
    await u.click(await screen.findByRole("button", { name: "Revoke Billing export" }));
    expect(screen.getByText(/Tools using it are refused from their next request/)).toBeInTheDocument();
    await u.click(screen.getByRole("button", { name: "Yes, revoke" }));
    expect(await screen.findByText("Billing export was revoked.")).toBeInTheDocument();
    expect(screen.getAllByTestId("token-row")[0]).toHaveTextContent("Revoked Dec 2, 2026");

    await u.click(screen.getByRole("button", { name: "Revoke Other tool" }));
    await u.click(screen.getByRole("button", { name: "Yes, revoke" }));
    const refusal = await screen.findByText("The token is already revoked");
    expect(refusal.closest("tr")).toHaveTextContent("Other tool");
  });

  it("tells a role that cannot manage API tokens so", () => {
    renderView(<ApiTokensView />, {
      url: "/settings/api-tokens",
      viewer: makeViewer({ role: "USER_MANAGEMENT_ADMIN" }),
    });
    expect(screen.getByRole("heading", { level: 1, name: "API tokens" })).toBeInTheDocument();
    expect(screen.getByText(/cannot manage API tokens/)).toBeInTheDocument();
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
  });
});
