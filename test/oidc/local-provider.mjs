// A real OpenID Provider for tests and local development (the `oidc-provider` package, ESM-only, kept here so the
// server never loads it). Its development login form accepts any password for the accounts it is given; every
// account carries Entra-style `tid` and `oid` claims, and they are put in the ID token (as Entra does).
//
//   import { startLocalProvider } from "./local-provider.mjs"   (test/api/oidc-sign-in.test.ts, client/e2e)
//   npm run dev:oidc                                              (a provider on 127.0.0.1:4400 for `npm run dev`)
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";
import Provider from "oidc-provider";

/**
 * @param {{
 *   port?: number,
 *   clients: { clientId: string, clientSecret: string, redirectUris: string[] }[],
 *   accounts: Record<string, { tid: string, oid: string, email: string, name?: string, wids?: string[] }>,
 * }} options
 */
export async function startLocalProvider({ port = 0, clients, accounts }) {
  const server = createServer();
  await new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(undefined)));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no address");
  const issuer = `http://127.0.0.1:${address.port}`;
  server.on("request", localProviderHandler({ issuer, clients, accounts }));
  return {
    issuer,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}

/**
 * The same provider as a request handler for an issuer of the caller's choosing (e.g. one Entra tenant's
 * `https://login.microsoftonline.com/<tid>/v2.0`, mounted under its path by test/oidc/entra-authority.mjs).
 *
 * @param {{
 *   issuer: string,
 *   clients: { clientId: string, clientSecret: string, redirectUris: string[] }[],
 *   accounts: Record<string, { tid: string, oid: string, email: string, name?: string, wids?: string[] }>,
 *   proxy?: boolean,
 * }} options
 * @returns {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => void}
 */
export function localProviderHandler({ issuer, clients, accounts, proxy = false }) {
  const provider = new Provider(issuer, {
    clients: clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: c.redirectUris,
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_post",
    })),
    async findAccount(_ctx, id) {
      const account = accounts[id];
      if (!account) return undefined;
      return {
        accountId: id,
        async claims() {
          return {
            sub: id,
            tid: account.tid,
            oid: account.oid,
            email: account.email,
            preferred_username: account.email,
            name: account.name ?? id,
            // Entra's directory roles (role template ids), when the account has any.
            ...(account.wids ? { wids: account.wids } : {}),
          };
        },
      };
    },
    claims: {
      openid: ["sub", "tid", "oid", "wids"],
      email: ["email"],
      profile: ["name", "preferred_username"],
    },
    // Entra puts its claims in the ID token; so does this provider.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ["local-test-provider-cookie-key"] },
  });
  // The provider logs its development warnings once per process; tests do not need them.
  provider.on("server_error", (_ctx, error) => console.error("local OIDC provider:", error));
  // Behind a front that terminates "https" (X-Forwarded-Proto), as the Entra emulation does.
  provider.proxy = proxy;
  return provider.callback();
}

// `npm run dev:oidc`: a provider for the app on http://127.0.0.1:4000 (or APP_ORIGIN), with the seeded demo admins.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const appOrigin = process.env.APP_ORIGIN ?? "http://127.0.0.1:4000";
  const tid = process.env.OIDC_DEV_TID;
  if (!tid) {
    console.error("Set OIDC_DEV_TID to the tenant id of a seeded partner (see README, Sign-in and sessions).");
    process.exit(2);
  }
  const email = process.env.OIDC_DEV_EMAIL ?? "admin@treyresearch.example";
  const running = await startLocalProvider({
    port: Number(process.env.OIDC_DEV_PORT ?? 4400),
    clients: [
      {
        clientId: "channelgate-dev",
        clientSecret: "channelgate-dev-secret",
        // The app as `npm start` serves it, under either name, and through Vite (`npm run dev`).
        redirectUris: [
          ...new Set([appOrigin, "http://127.0.0.1:4000", "http://localhost:4000", "http://localhost:5173"]),
        ].map((o) => `${o}/auth/oidc/callback`),
      },
    ],
    accounts: { [email.split("@")[0] ?? "admin"]: { tid, oid: "00000000-0000-4000-8000-00000000d001", email } },
  });
  console.log(
    `OpenID provider at ${running.issuer} (sign in as "${email.split("@")[0]}", any password).\n` +
      `Start the app with OIDC_ISSUER=${running.issuer} OIDC_CLIENT_ID=channelgate-dev OIDC_CLIENT_SECRET=channelgate-dev-secret`,
  );
}
