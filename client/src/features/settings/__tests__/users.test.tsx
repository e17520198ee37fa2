import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  SettingsChangeUserRoleDocument,
  SettingsDeactivateUserDocument,
  SettingsInviteUserDocument,
  SettingsUsersDocument,
  ShellOpenRequestsDocument,
  ViewerDocument,
  type SettingsUserRowFragment,
} from "../../../graphql/generated";
import { AuthProvider } from "../../../lib/auth";
import { makeViewer, renderView, userError } from "../../../testing/harness";
import { Home, Layout } from "../../shell/Layout";
import { UsersView } from "../UsersView";

const user = (id: string, displayName: string, email: string, role: SettingsUserRowFragment["role"], extra = {}) => ({
  __typename: "User" as const,
  id,
  displayName,
  email,
  role,
  deactivatedAt: null as string | null,
  ...extra,
});

const me = user("VXNlcjox", "Megan", "admin@treyresearch.example", "GLOBAL_ADMIN");
const sam = user("VXNlcjoy", "Sam", "sam@treyresearch.example", "SALES_AGENT");
const gone = user("VXNlcjoz", "Old", "old@treyresearch.example", "HELPDESK_AGENT", {
  deactivatedAt: "2026-11-01T10:00:00.000Z",
});
const boss = user("VXNlcjo0", "Boss", "boss@treyresearch.example", "GLOBAL_ADMIN");

const usersMock = (nodes: ReturnType<typeof user>[]) => ({
  request: { query: SettingsUsersDocument, variables: { first: 25, after: null } },
  result: {
    data: {
      users: {
        __typename: "UserConnection",
        totalCount: nodes.length,
        pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: null },
        nodes,
      },
    },
  },
  maxUsageCount: 10,
});

const payload = (typename: string, field: string, body: Record<string, unknown>) => ({
  data: { [field]: { __typename: typename, user: null, userErrors: [], ...body } },
});

describe("Settings → Users", () => {
  it("lists the users with role and status; no actions on oneself or on deactivated users", async () => {
    renderView(<UsersView />, { url: "/settings/users", mocks: [usersMock([me, gone, sam])] });
    const rows = await screen.findAllByTestId("user-row");
    expect(rows).toHaveLength(3);
    expect(within(rows[0]!).getByText("(you)")).toBeInTheDocument();
    expect(within(rows[0]!).getByText("You cannot deactivate yourself.")).toBeInTheDocument();
    expect(within(rows[0]!).queryByRole("button")).not.toBeInTheDocument();
    expect(within(rows[1]!).getByText(/Deactivated/)).toBeInTheDocument();
    expect(within(rows[1]!).queryByRole("button")).not.toBeInTheDocument();
    expect(within(rows[2]!).getByRole("combobox", { name: "Role of Sam" })).toHaveValue("SALES_AGENT");
    expect(within(rows[2]!).getByRole("button", { name: "Deactivate Sam" })).toBeEnabled();
  });

  it("invites a user; the server's errors arrive together, beside their fields, and the first gets the focus", async () => {
    const u = userEvent.setup();
    const input = { email: "x", displayName: "", role: "SALES_AGENT" };
    const good = { email: "ana@treyresearch.example", displayName: "Ana", role: "ADMIN_AGENT" };
    const ana = user("VXNlcjo1", "Ana", "ana@treyresearch.example", "ADMIN_AGENT");
    renderView(<UsersView />, {
      url: "/settings/users?invite=1",
      mocks: [
        usersMock([me, sam]),
        {
          request: { query: SettingsInviteUserDocument, variables: { input } },
          result: payload("UserPayload", "inviteUser", {
            userErrors: [
              userError("displayName", "must be 1–200 characters"),
              userError("email", "is not an email address"),
            ],
          }),
        },
        {
          request: { query: SettingsInviteUserDocument, variables: { input: good } },
          result: payload("UserPayload", "inviteUser", { user: ana }),
        },
        usersMock([ana, me, sam]),
      ],
    });
    const email = await screen.findByLabelText("Email");
    await u.type(email, "x");
    await u.click(screen.getByRole("button", { name: "Send invitation" }));
    await waitFor(() => expect(email).toHaveFocus());
    expect(email).toHaveAccessibleDescription("is not an email address");
    expect(screen.getByLabelText("Name")).toHaveAccessibleDescription("must be 1–200 characters");
    expect(screen.getByLabelText("Name")).toHaveAttribute("aria-invalid", "true");

    await u.clear(email);
    await u.type(email, good.email);
    await u.type(screen.getByLabelText("Name"), "Ana");
    await u.selectOptions(screen.getByLabelText("Role"), "ADMIN_AGENT");
    await u.click(screen.getByRole("button", { name: "Send invitation" }));
    expect(await screen.findByText("Ana was invited as Admin agent.")).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole("button", { name: "Send invitation" })).not.toBeInTheDocument());
    // The form closes at once (the URL's values are optimistic); the URL itself follows when the router commits.
    await waitFor(() => expect(screen.getByTestId("location")).toHaveTextContent(/^\/settings\/users$/));
  });

  it("closes the invite form with Escape and gives the focus back to its button", async () => {
    const u = userEvent.setup();
    renderView(<UsersView />, { url: "/settings/users", mocks: [usersMock([me])] });
    const open = await screen.findByRole("button", { name: "Invite user" });
    await u.click(open);
    await u.type(screen.getByLabelText("Email"), "a");
    await u.keyboard("{Escape}");
    expect(screen.queryByLabelText("Email")).not.toBeInTheDocument();
    expect(open).toHaveFocus();
    expect(open).toHaveAttribute("aria-expanded", "false");
  });

  it("a user management admin cannot grant or touch the global admin role", async () => {
    const u = userEvent.setup();
    renderView(<UsersView />, {
      url: "/settings/users",
      viewer: makeViewer({ role: "USER_MANAGEMENT_ADMIN" }),
      mocks: [usersMock([boss, sam])],
    });
    const rows = await screen.findAllByTestId("user-row");
    expect(within(rows[0]!).queryByRole("button")).not.toBeInTheDocument();
    expect(within(rows[0]!).getByText("Only a global admin can change a global admin.")).toBeInTheDocument();
    const roles = within(within(rows[1]!).getByRole("combobox")).getAllByRole("option");
    expect(roles.map((o) => o.getAttribute("value"))).not.toContain("GLOBAL_ADMIN");
    await u.click(screen.getByRole("button", { name: "Invite user" }));
    const inviteRoles = within(screen.getByLabelText("Role")).getAllByRole("option");
    expect(inviteRoles.map((o) => o.getAttribute("value"))).not.toContain("GLOBAL_ADMIN");
  });

  it("changes a role after a confirmation that says the user's API tokens are revoked", async () => {
    const u = userEvent.setup();
    renderView(<UsersView />, {
      url: "/settings/users",
      mocks: [
        usersMock([me, sam]),
        {
          request: {
            query: SettingsChangeUserRoleDocument,
            variables: { input: { userId: sam.id, role: "HELPDESK_AGENT" } },
          },
          result: payload("UserPayload", "changeUserRole", { user: { ...sam, role: "HELPDESK_AGENT" } }),
        },
      ],
    });
    await u.selectOptions(await screen.findByRole("combobox", { name: "Role of Sam" }), "HELPDESK_AGENT");
    await u.click(screen.getByRole("button", { name: "Change role of Sam" }));
    expect(screen.getByText(/Make Sam Helpdesk agent\? Their API tokens are revoked at once/)).toBeInTheDocument();
    await u.click(screen.getByRole("button", { name: "Yes, change the role" }));
    expect(await screen.findByText("Sam is now Helpdesk agent.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Change role of Sam" })).not.toBeInTheDocument();
  });

  it("deactivates after stating the impact; a refusal shows on the row", async () => {
    const u = userEvent.setup();
    renderView(<UsersView />, {
      url: "/settings/users",
      mocks: [
        usersMock([me, boss, sam]),
        {
          request: { query: SettingsDeactivateUserDocument, variables: { input: { userId: boss.id } } },
          result: payload("UserPayload", "deactivateUser", {
            userErrors: [userError("userId", "The partner must keep an active global admin", "NOT_ALLOWED")],
          }),
        },
        {
          request: { query: SettingsDeactivateUserDocument, variables: { input: { userId: sam.id } } },
          result: payload("UserPayload", "deactivateUser", {
            user: { ...sam, deactivatedAt: "2026-12-02T08:00:00.000Z" },
          }),
        },
      ],
    });
    await u.click(await screen.findByRole("button", { name: "Deactivate Boss" }));
    await u.click(screen.getByRole("button", { name: "Yes, deactivate" }));
    const refusal = await screen.findByText("The partner must keep an active global admin");
    expect(refusal.closest("tr")).toHaveTextContent("Boss");

    await u.click(screen.getByRole("button", { name: "Deactivate Sam" }));
    expect(
      screen.getByText(/They can no longer sign in, their API tokens stop working from the next request/),
    ).toBeInTheDocument();
    await u.click(screen.getByRole("button", { name: "Yes, deactivate" }));
    expect(await screen.findByText("Sam was deactivated.")).toBeInTheDocument();
    const samRow = screen.getAllByTestId("user-row")[2]!;
    expect(within(samRow).getByText(/Deactivated/)).toBeInTheDocument();
  });

  it("tells a role that cannot manage users so, without asking the API", () => {
    renderView(<UsersView />, { url: "/settings/users", viewer: makeViewer({ role: "SALES_AGENT" }) });
    expect(screen.getByRole("heading", { level: 1, name: "Users" })).toBeInTheDocument();
    expect(screen.getByText(/Your role \(Sales agent\) cannot manage Users/)).toBeInTheDocument();
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
  });
});

describe("main navigation: Settings", () => {
  const viewerMock = (role: Parameters<typeof makeViewer>[0]) => ({
    request: { query: ViewerDocument },
    result: { data: { viewer: makeViewer(role) } },
  });
  const openRequests = {
    request: { query: ShellOpenRequestsDocument },
    result: { data: { providerRequests: { __typename: "ProviderRequestConnection", totalCount: 0 } } },
    maxUsageCount: 10,
  };
  const layout = (
    <AuthProvider>
      <Layout />
    </AuthProvider>
  );

  it("leads global admins to Users and admin agents to API tokens", async () => {
    const first = renderView(layout, { mocks: [viewerMock({ role: "GLOBAL_ADMIN" }), openRequests] });
    expect(await screen.findByRole("link", { name: "Settings" })).toHaveAttribute("href", "/settings/users");
    first.unmount();
    renderView(layout, { mocks: [viewerMock({ role: "ADMIN_AGENT" }), openRequests] });
    expect(await screen.findByRole("link", { name: "Settings" })).toHaveAttribute("href", "/settings/api-tokens");
  });

  it("a user management admin sees Settings only: no dashboard, customers, transfers nor activity", async () => {
    renderView(layout, { mocks: [viewerMock({ role: "USER_MANAGEMENT_ADMIN" }), openRequests] });
    expect(await screen.findByRole("link", { name: "Settings" })).toHaveAttribute("href", "/settings/users");
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(
      within(nav)
        .getAllByRole("link")
        .map((a) => a.textContent),
    ).toEqual(["Settings"]);
  });

  it("starts a role that reads no dashboard on its Settings screen; the others on the dashboard", () => {
    const home = <Home dashboard={<h1>Dashboard</h1>} />;
    const routes = [{ path: "/settings/users", element: <h1>Users screen</h1> }];
    const uma = renderView(home, { path: "/", viewer: makeViewer({ role: "USER_MANAGEMENT_ADMIN" }), routes });
    expect(screen.getByRole("heading", { name: "Users screen" })).toBeInTheDocument();
    expect(screen.getByTestId("location")).toHaveTextContent("/settings/users");
    uma.unmount();
    renderView(home, { path: "/", viewer: makeViewer({ role: "HELPDESK_AGENT" }), routes });
    expect(screen.getByRole("heading", { name: "Dashboard" })).toBeInTheDocument();
    expect(screen.getByTestId("location")).toHaveTextContent(/^\/$/);
  });

  it("is hidden from roles that can use neither screen", async () => {
    for (const role of ["SALES_AGENT", "HELPDESK_AGENT", "BILLING_ADMIN"] as const) {
      const view = renderView(layout, { mocks: [viewerMock({ role }), openRequests] });
      await screen.findByRole("link", { name: "Customers" });
      expect(screen.queryByRole("link", { name: "Settings" })).not.toBeInTheDocument();
      view.unmount();
    }
  });
});
