import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AuthProvider, authHeaders, useAuth, type SessionInfo } from "../auth";
import { I18nProvider } from "../i18n";
import { SignInView } from "../../features/shell/SignInView";

// The app's credentials: the session cookie is the server's business (httpOnly); the app holds the CSRF token, or a
// pasted bearer token, in memory only, and never writes a token to localStorage.

const SIGNED_IN: SessionInfo = {
  user: { email: "admin@treyresearch.example", displayName: "Admin", role: "GLOBAL_ADMIN" },
  csrfToken: "csrf-of-this-session",
  signIn: { oidc: true, demo: false },
};
const SIGNED_OUT: SessionInfo = { user: null, csrfToken: null, signIn: { oidc: true, demo: false } };

function mockServer(session: SessionInfo) {
  const calls: { url: string; init?: RequestInit }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      calls.push({ url, init });
      if (url === "/auth/session") return new Response(JSON.stringify(session), { status: 200 });
      if (url === "/auth/logout") return new Response(null, { status: 204 });
      return new Response("{}", { status: 404 });
    }),
  );
  return calls;
}

function Probe() {
  const { status, user, signOut, signInWithToken } = useAuth();
  return (
    <div>
      <span data-testid="status">{status}</span>
      <span data-testid="user">{user?.email ?? "-"}</span>
      <button onClick={() => void signOut()}>out</button>
      <button onClick={() => signInWithToken("cg_pasted")}>paste</button>
    </div>
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe("auth", () => {
  it("reads the session, sends its CSRF token, and signs out on the server with it", async () => {
    const calls = mockServer(SIGNED_IN);
    const setItem = vi.spyOn(Storage.prototype, "setItem");
    render(
      <AuthProvider>
        <Probe />
      </AuthProvider>,
    );
    await waitFor(() => expect(screen.getByTestId("status").textContent).toBe("signedIn"));
    expect(screen.getByTestId("user").textContent).toBe("admin@treyresearch.example");
    expect(authHeaders()).toEqual({ "x-csrf-token": "csrf-of-this-session" });
    await userEvent.click(screen.getByText("out"));
    await waitFor(() => expect(screen.getByTestId("status").textContent).toBe("signedOut"));
    const logout = calls.find((c) => c.url === "/auth/logout");
    expect(logout?.init?.method).toBe("POST");
    expect(logout?.init?.headers).toEqual({ "x-csrf-token": "csrf-of-this-session" });
    expect(authHeaders()).toEqual({});
    // A pasted token: memory only.
    await userEvent.click(screen.getByText("paste"));
    expect(authHeaders()).toEqual({ authorization: "Bearer cg_pasted" });
    expect(setItem).not.toHaveBeenCalled();
    expect(localStorage.length).toBe(0);
    await userEvent.click(screen.getByText("out"));
    setItem.mockRestore();
  });

  it("offers the organization sign-in and explains a refused one", async () => {
    mockServer(SIGNED_OUT);
    render(
      <I18nProvider>
        <AuthProvider>
          <MemoryRouter initialEntries={["/signin?error=UNKNOWN_USER"]}>
            <SignInView />
          </MemoryRouter>
        </AuthProvider>
      </I18nProvider>,
    );
    const link = await screen.findByRole("link", { name: "Sign in with your organization account" });
    expect(link.getAttribute("href")).toBe("/auth/oidc/login");
    expect(screen.getByRole("alert").textContent).toMatch(/no access to channelgate/);
  });
});
