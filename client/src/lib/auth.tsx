import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";

/**
 * Who the app signs in as. A browser signs in with a session cookie (OpenID Connect or the sandbox's demo list),
 * httpOnly, so no script of this page can read it; what the app keeps is the session's CSRF token, in memory, and
 * sends it as `X-CSRF-Token` (the server refuses cookie-signed-in requests without it). A bearer token pasted on the
 * sign-in screen is kept in memory only: it is gone on reload, and nothing is ever written to localStorage.
 */

export interface SessionUser {
  email: string;
  displayName: string;
  role: string;
}

/** What GET /auth/session answers. */
export interface SessionInfo {
  user: SessionUser | null;
  csrfToken: string | null;
  signIn: { oidc: boolean; demo: boolean; customerOidc?: boolean };
}

interface Credentials {
  csrfToken: string | null;
  bearer: string | null;
}

// The one place the app's credentials live: memory of this page.
const current: Credentials = { csrfToken: null, bearer: null };

/** Headers that sign a request to /graphql or /export in: the pasted bearer token, else the session's CSRF token. */
export function authHeaders(): Record<string, string> {
  if (current.bearer) return { authorization: `Bearer ${current.bearer}` };
  return current.csrfToken ? { "x-csrf-token": current.csrfToken } : {};
}

/**
 * The socket's credentials (graphql-ws connection parameters), read when it connects: the pasted bearer token, or
 * the session's CSRF token (the upgrade request carries the cookie but cannot carry the header).
 */
export function liveConnectionParams(): Record<string, string> {
  if (current.bearer) return { authorization: `Bearer ${current.bearer}` };
  return current.csrfToken ? { csrfToken: current.csrfToken } : {};
}

/** Signed in at all (a session or a pasted token)? */
export function isSignedIn(): boolean {
  return current.bearer !== null || current.csrfToken !== null;
}

export async function fetchSession(): Promise<SessionInfo> {
  const r = await fetch("/auth/session", { credentials: "same-origin", headers: { accept: "application/json" } });
  if (!r.ok) throw new Error(`HTTP ${r.status}`);
  return (await r.json()) as SessionInfo;
}

type Status = "loading" | "signedIn" | "signedOut";

interface Auth {
  status: Status;
  /** The session's user (null with a pasted token, which the viewer query describes). */
  user: SessionUser | null;
  /** The sign-in ways this server offers. */
  methods: { oidc: boolean; demo: boolean };
  /** After the server set the session cookie (demo sign-in): read the session again. */
  refresh(): Promise<void>;
  /** Uses a pasted bearer token (memory only). */
  signInWithToken(token: string): void;
  /** Ends the session on the server (cookie cleared) and forgets any pasted token. */
  signOut(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children, onChange }: { children: ReactNode; onChange?: () => void }) {
  const [status, setStatus] = useState<Status>("loading");
  const [user, setUser] = useState<SessionUser | null>(null);
  const [methods, setMethods] = useState({ oidc: false, demo: false });

  const apply = useCallback(
    (info: SessionInfo | null) => {
      current.csrfToken = info?.csrfToken ?? null;
      setUser(info?.user ?? null);
      if (info) setMethods(info.signIn);
      setStatus(isSignedIn() ? "signedIn" : "signedOut");
      onChange?.();
    },
    [onChange],
  );

  const refresh = useCallback(async () => apply(await fetchSession().catch(() => null)), [apply]);

  useEffect(() => {
    let live = true;
    fetchSession()
      .catch(() => null)
      .then((info) => live && apply(info));
    return () => {
      live = false;
    };
  }, [apply]);

  const signInWithToken = useCallback(
    (token: string) => {
      current.bearer = token.trim() || null;
      setStatus(isSignedIn() ? "signedIn" : "signedOut");
      onChange?.();
    },
    [onChange],
  );

  const signOut = useCallback(async () => {
    const headers = current.csrfToken ? { "x-csrf-token": current.csrfToken } : undefined;
    // The server ends the session (and clears its cookie) before the app shows the sign-in page; a failed call still
    // signs out here.
    await fetch("/auth/logout", { method: "POST", credentials: "same-origin", headers }).catch(() => undefined);
    current.bearer = null;
    current.csrfToken = null;
    setUser(null);
    setStatus("signedOut");
    onChange?.();
  }, [onChange]);

  const value = useMemo(
    () => ({ status, user, methods, refresh, signInWithToken, signOut }),
    [status, user, methods, refresh, signInWithToken, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error("useAuth outside AuthProvider");
  return ctx;
}
