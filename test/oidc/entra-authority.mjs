// Microsoft Entra ID's multi-tenant authority, emulated for tests with one real OpenID Provider (oidc-provider) per
// tenant: https://login.microsoftonline.com/organizations/v2.0 publishes the issuer template
// `https://login.microsoftonline.com/{tenantid}/v2.0`, and each tenant's provider signs ID tokens with its own issuer
// `https://login.microsoftonline.com/<tid>/v2.0` ("Convert a single-tenant app to multitenant",
// https://learn.microsoft.com/en-us/entra/identity-platform/howto-convert-app-to-be-multi-tenant).
//
// The host name is the real one, so openid-client applies its Entra rules (the expected `iss` is the template with
// the token's `tid`) exactly as in production; every fetch of this process to https://login.microsoftonline.com is
// routed to a local plain-http server (an undici dispatcher installed as the global one until `close()`).
//
// Entra's home-realm discovery (the user types their e-mail and is sent to their tenant) is `homeRealm(tid)`: the
// `organizations` authorize and token endpoints forward to that tenant's provider.
import { connect } from "node:net";
import { createServer as createHttpServer } from "node:http";
import { Agent, buildConnector } from "undici";
import { localProviderHandler } from "./local-provider.mjs";

const HOST = "login.microsoftonline.com";
const ORIGIN = `https://${HOST}`;
const GLOBAL_DISPATCHER = Symbol.for("undici.globalDispatcher.1");
const ORGANIZATIONS = "/organizations";

/**
 * @param {{
 *   clients: { clientId: string, clientSecret: string, redirectUris: string[] }[],
 *   tenants: Record<string, Record<string, { tid: string, oid: string, email: string, name?: string }>>,
 * }} options  `tenants`: accounts by tenant id (the provider whose issuer names that tenant); an account's own `tid`
 *   claim may say otherwise, to forge a token whose `iss` is not its tenant's issuer.
 */
export async function startEntraAuthority({ clients, tenants }) {
  const issuerOf = (/** @type {string} */ tid) => `${ORIGIN}/${tid}/v2.0`;
  /** @type {Map<string, ReturnType<typeof localProviderHandler>>} */
  const handlers = new Map();
  for (const [tid, accounts] of Object.entries(tenants)) {
    handlers.set(tid, localProviderHandler({ issuer: issuerOf(tid), clients, accounts, proxy: true }));
  }
  /** @type {string | null} */
  let realm = null;
  const realmHandler = () => {
    const h = realm && handlers.get(realm);
    if (!h) throw new Error("no home realm chosen (homeRealm(tid))");
    return h;
  };

  const server = createHttpServer(async (req, res) => {
    const url = new URL(req.url ?? "/", ORIGIN);
    req.headers["x-forwarded-proto"] = "https";
    if (url.pathname === `${ORGANIZATIONS}/v2.0/.well-known/openid-configuration`) {
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify({
          issuer: `${ORIGIN}/{tenantid}/v2.0`,
          authorization_endpoint: `${ORIGIN}${ORGANIZATIONS}/oauth2/v2.0/authorize`,
          token_endpoint: `${ORIGIN}${ORGANIZATIONS}/oauth2/v2.0/token`,
          jwks_uri: `${ORIGIN}${ORGANIZATIONS}/discovery/v2.0/keys`,
          response_types_supported: ["code"],
          subject_types_supported: ["pairwise"],
          id_token_signing_alg_values_supported: ["RS256"],
          token_endpoint_auth_methods_supported: ["client_secret_post"],
          code_challenge_methods_supported: ["S256"],
          scopes_supported: ["openid", "profile", "email"],
        }),
      );
      return;
    }
    const tid = realm;
    if (url.pathname === `${ORGANIZATIONS}/oauth2/v2.0/authorize` && tid) {
      res.statusCode = 302;
      res.setHeader("location", `${issuerOf(tid)}/auth${url.search}`);
      res.end();
      return;
    }
    if (url.pathname === `${ORGANIZATIONS}/oauth2/v2.0/token` && tid) {
      req.url = "/token";
      Object.assign(req, { originalUrl: `/${tid}/v2.0/token` });
      realmHandler()(req, res);
      return;
    }
    if (url.pathname === `${ORGANIZATIONS}/discovery/v2.0/keys`) {
      // One key set for every tenant, as Entra's: the union of the tenants' providers' keys.
      const keys = new Map();
      for (const t of handlers.keys()) {
        const r = await fetch(`${issuerOf(t)}/jwks`);
        for (const k of /** @type {{ keys: { kid: string }[] }} */ (await r.json()).keys) keys.set(k.kid, k);
      }
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ keys: [...keys.values()] }));
      return;
    }
    // A tenant's own provider, mounted under /<tid>/v2.0 (oidc-provider reads its mount path from originalUrl).
    const mount = /^\/([^/]+)\/v2\.0(\/.*)?$/.exec(url.pathname);
    const handler = mount ? handlers.get(mount[1] ?? "") : undefined;
    if (!mount || !handler) {
      res.statusCode = 404;
      res.end();
      return;
    }
    Object.assign(req, { originalUrl: req.url });
    req.url = `${mount[2] ?? "/"}${url.search}`;
    handler(req, res);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no address");
  const port = address.port;

  // Requests to login.microsoftonline.com go to the local server (plain http on the socket); all others as usual.
  const direct = buildConnector({});
  const agent = new Agent({
    connect(opts, callback) {
      if (opts.hostname !== HOST) return direct(opts, callback);
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => callback(null, socket));
      socket.once("error", (error) => callback(error, null));
      return socket;
    },
  });
  const g = /** @type {Record<symbol, unknown>} */ (/** @type {unknown} */ (globalThis));
  const previous = g[GLOBAL_DISPATCHER];
  g[GLOBAL_DISPATCHER] = agent;

  return {
    /** The authority to configure as OIDC_ISSUER. */
    authority: `${ORIGIN}${ORGANIZATIONS}/v2.0`,
    issuerOf,
    /** Which tenant the next sign-in is sent to (Entra's home-realm discovery). */
    homeRealm(/** @type {string} */ tid) {
      if (!handlers.has(tid)) throw new Error(`no provider for tenant ${tid}`);
      realm = tid;
    },
    async close() {
      g[GLOBAL_DISPATCHER] = previous;
      await agent.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}
