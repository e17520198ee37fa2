import "reflect-metadata";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import express, { type Express } from "express";
import type { DataSource } from "typeorm";
import type { AppConfig } from "./config";
import type { RequestContext } from "./context";
import { createDataSource } from "./data-source";
import { createSchema } from "./schema";
import { isDatabaseUnavailable, makeFormatError, serviceUnavailable } from "./common/errors";
import { buildContext } from "./auth/request-context";
import { createUpstream, type UpstreamPort } from "./upstream/upstream";
import { mountDemoAuth } from "./auth/demo-auth";
import { mountOidc } from "./auth/oidc";
import { mountCustomerOidc } from "./auth/customer-oidc";
import { mountSessionRoutes } from "./auth/session-routes";
import { depthLimit } from "./common/depth-limit";
import { clientDistPath, mountClient } from "./static-client";
import { anonymousCaller, identifyCaller, callerOf, isSignedIn } from "./http/caller";
import { apiTokenScopePlugin } from "./auth/api-token-scope-plugin";
import { ANONYMOUS_LIMITS, SIGNED_IN_LIMITS, guardBodySize, guardDocument } from "./http/document-guard";
import { createRateLimiter } from "./http/rate-limit";
import { securityHeaders } from "./http/security-headers";
import { requestLogPlugin, withRequestId } from "./http/request-log";
import { jitGateway } from "./http/jit-executor";
import { jsonBody } from "./http/json-body";
import { graphqlFirst, graphqlHandler, series } from "./http/graphql-edge";
import { queryCostPlugin } from "./http/query-cost-plugin";
import { CostBuckets } from "./http/query-cost";
import { idempotency } from "./http/idempotency";
import { auditPlugin } from "./modules/audit/audit.writer";
import { auditCsvExport } from "./modules/audit/audit.export";
import { LiveHub } from "./modules/live/live.hub";
import { serveSubscriptions } from "./modules/live/live.ws";
import { WebhookDispatcher } from "./modules/webhook/webhook.dispatcher";
import { registerSyncCoordinator } from "./modules/sync/sync.service";
import { mountPartnerCenterWebhooks } from "./modules/sync/webhook.receiver";
import { listCsvExport } from "./modules/list-export/list-export";

export interface RunningApp {
  /** http://host:port/graphql */
  url: string;
  origin: string;
  dataSource: DataSource;
  express: Express;
  /** Live events (outbox publisher, fan-out, scan), or null when LIVE_EVENTS is off. */
  live: LiveHub | null;
  /** Outbound webhook delivery, or null when WEBHOOKS or LIVE_EVENTS is off. */
  webhooks: WebhookDispatcher | null;
  close(): Promise<void>;
}

export interface StartOptions {
  /** An initialized, migrated data source; otherwise one is created from the config and migrated. */
  dataSource?: DataSource;
  quiet?: boolean;
  /** Extra routes mounted before the SPA. */
  mount?: (app: Express) => void;
  /** The upstream port; otherwise the one the configuration selects (UPSTREAM). */
  upstream?: UpstreamPort;
  /** Serve the built SPA from client/dist when it exists (default true). */
  serveClient?: boolean;
}

function unavailable(errors: readonly { extensions?: Record<string, unknown> }[] | undefined): boolean {
  return !!errors?.some((e) => e.extensions?.code === "SERVICE_UNAVAILABLE");
}

export async function openDatabase(config: AppConfig): Promise<DataSource> {
  const ds = createDataSource({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
  await ds.initialize();
  await ds.runMigrations({ transaction: "all" });
  return ds;
}

/** Malformed JSON and other request errors: a short message, never a stack trace. */
const answerRequestError: express.ErrorRequestHandler = (err: unknown, _req, res, next) => {
  if (res.headersSent) return next(err);
  const status = typeof err === "object" && err && "status" in err && typeof err.status === "number" ? err.status : 500;
  res.status(status).json({ errors: [{ message: status < 500 ? "Bad request" : "Internal server error" }] });
};

export async function startApp(config: AppConfig, options: StartOptions = {}): Promise<RunningApp> {
  const ownsDataSource = !options.dataSource;
  const dataSource = options.dataSource ?? (await openDatabase(config));
  // One upstream port for the process: mutations write through it, syncs read through it.
  const upstream = options.upstream ?? createUpstream(config);
  // Partner Center syncs of this process (startSync, the scheduled incremental sync), one at a time across replicas.
  const sync = registerSyncCoordinator(dataSource, config, upstream);
  sync.schedule(config.syncIntervalMinutes);
  const app = express();
  app.disable("x-powered-by");
  // POST answers are never cached: hashing each one for an ETag is wasted work.
  app.set("etag", false);
  app.set("trust proxy", config.trustProxy);
  const headers = securityHeaders({ production: config.production });
  app.use(headers);
  // Its listener is set once the /graphql edge is built, below.
  const httpServer: Server = createServer();
  const schema = await createSchema();
  // Alias, directive and cost limits (graphql-armor); depth has our own rule, which follows fragments.
  // maxTokens stays off: it turns syntax errors into HTTP 500 (graphql-armor issue, see notes/perf-reliability.md).
  const armor = new ApolloArmor({
    maxDepth: { enabled: false },
    maxTokens: { enabled: false },
    maxAliases: { n: 20 },
    maxDirectives: { n: 20 },
    costLimit: { maxCost: 20_000 },
    blockFieldSuggestion: { enabled: config.production },
  });
  const protection = armor.protect();
  const validationRules = [...protection.validationRules, depthLimit(10)];
  // Live events: the outbox publisher and subscriptions over graphql-ws on the same path (modules/live).
  const live = config.live.enabled ? await LiveHub.start(dataSource, config) : null;
  // Outbound webhooks: deliveries written as the publisher drains the outbox, sent off the request path.
  const webhooks = live && config.webhooks.enabled ? WebhookDispatcher.start(dataSource, config, live.publisher) : null;
  const subscriptions = live
    ? serveSubscriptions({ httpServer, schema, dataSource, config, live, upstream, validationRules })
    : null;
  const apollo = new ApolloServer<RequestContext>({
    // GRAPHQL_EXECUTOR=jit: queries and mutations run compiled (http/jit-executor.ts); Apollo's pipeline is unchanged.
    ...(config.graphqlExecutor === "jit" ? { gateway: jitGateway<RequestContext>(schema) } : { schema }),
    formatError: makeFormatError(config.logErrors && !options.quiet),
    includeStacktraceInErrorResponses: false,
    introspection: !config.production,
    hideSchemaDetailsFromClientErrors: config.production,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    validationRules,
    plugins: [
      ...protection.plugins,
      requestLogPlugin(config.logRequests && !options.quiet, config.countSql),
      apiTokenScopePlugin(),
      auditPlugin(),
      // Anonymous callers get a tenth of a user's budget (they reach only the public relationship preview).
      queryCostPlugin({
        user: new CostBuckets(config.costBudget, config.costRestoreRate),
        anonymous: new CostBuckets(Math.ceil(config.costBudget / 10), Math.ceil(config.costRestoreRate / 10)),
      }),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await subscriptions?.dispose();
            },
          };
        },
      },
      ApolloServerPluginCacheControlDisabled(),
      config.production
        ? ApolloServerPluginLandingPageDisabled()
        : ApolloServerPluginLandingPageLocalDefault({ footer: false }),
      {
        async requestDidStart() {
          return {
            async willSendResponse({ contextValue, response }) {
              // A database that is down is the server's condition, not the caller's: 503 and when to retry.
              if (response.body.kind === "single" && unavailable(response.body.singleResult.errors)) {
                response.http.status = 503;
                response.http.headers.set("retry-after", "2");
              }
              if (config.countSql) response.http.headers.set("x-sql-count", String(contextValue.request.statements));
            },
          };
        },
      },
    ],
  });
  await apollo.start();
  const rateLimiter = createRateLimiter(config);
  const requestId = withRequestId(config.countSql);
  // The edge of /graphql: who calls (a verified token or an address), their rate limit, then size, token and
  // nesting limits by caller — all before Apollo parses, validates or authenticates anything — then idempotency.
  // One handler mounted first: the busiest path is matched once, before the sign-in routes (http/graphql-edge.ts).
  const limitsOf = (res: express.Response) => (isSignedIn(callerOf(res)) ? SIGNED_IN_LIMITS : ANONYMOUS_LIMITS);
  const keepAsyncContext = config.countSql;
  const jsonSignedIn = jsonBody(SIGNED_IN_LIMITS.maxBodyBytes, { keepAsyncContext });
  const jsonAnonymous = jsonBody(ANONYMOUS_LIMITS.maxBodyBytes, { keepAsyncContext });
  const graphqlEdge = series(
    requestId,
    identifyCaller(config, dataSource),
    ...(rateLimiter ? [rateLimiter.middleware] : []),
    guardBodySize((_req, res) => limitsOf(res)),
    (req, res, next) => (isSignedIn(callerOf(res)) ? jsonSignedIn : jsonAnonymous)(req, res, next),
    guardDocument((_req, res) => limitsOf(res)),
    // Idempotency-Key on mutations: a retried request gets the first answer, without a second effect.
    idempotency(dataSource),
    // JSON answers over 1 KB go gzip or brotli when the client accepts it (a page of 100 rows shrinks ~10×).
    graphqlHandler(apollo, (req) =>
      buildContext(req, dataSource, config, upstream).catch((error: unknown) => {
        throw isDatabaseUnavailable(error) ? serviceUnavailable() : error;
      }),
    ),
  );
  app.use("/graphql", graphqlEdge);
  // POST /graphql skips the router: the security headers, then the edge (http/graphql-edge.ts).
  httpServer.on("request", graphqlFirst(app, series(headers, graphqlEdge), answerRequestError));

  app.get("/healthz", async (_req, res) => {
    try {
      await dataSource.query("SELECT 1");
      res.json({ status: "ok" });
    } catch {
      res.status(503).json({ status: "unavailable" });
    }
  });
  // Sign-in routes (demo, OpenID Connect, session) count against the caller's address, as anonymous callers.
  if (rateLimiter) app.use("/auth", anonymousCaller, rateLimiter.middleware);
  // A request id for sign-in and sign-out too: their audit events carry it, as a mutation's do.
  app.use("/auth", requestId);
  if (config.demoLogin) mountDemoAuth(app, dataSource, config);
  // Browser sign-in: OpenID Connect when configured, a session cookie either way (auth/oidc.ts, http/session.ts).
  if (config.oidc) mountOidc(app, dataSource, config, config.oidc);
  // A customer's global admin signs in to accept a relationship request (auth/customer-oidc.ts), when configured.
  if (config.customerOidc) mountCustomerOidc(app, dataSource, config, config.customerOidc);
  mountSessionRoutes(app, dataSource, config);
  // The audit log as CSV: the same bearer sign-in, rate limit and scope as /graphql.
  app.get(
    "/export/audit-events.csv",
    requestId,
    identifyCaller(config, dataSource),
    ...(rateLimiter ? [rateLimiter.middleware] : []),
    auditCsvExport(dataSource, config),
  );
  // Partner Center's webhook events (signed; modules/sync/webhook.receiver.ts), when Partner Center is upstream.
  if (config.upstream === "partner-center") {
    if (rateLimiter) app.use("/partner-center", anonymousCaller, rateLimiter.middleware);
    mountPartnerCenterWebhooks(app, dataSource, sync.upstream, config.partnerCenterWebhooks);
  }
  // Lists as CSV (subscriptions, customers): the same sign-in, rate limit, permission row and scope as /graphql.
  app.get(
    "/export/:list.csv",
    requestId,
    identifyCaller(config, dataSource),
    ...(rateLimiter ? [rateLimiter.middleware] : []),
    listCsvExport(dataSource, config, schema),
  );
  options.mount?.(app);
  const client = options.serveClient === false ? null : clientDistPath();
  if (client) mountClient(app, client);
  app.use(answerRequestError);

  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  const origin = `http://${host}:${port}`;
  return {
    url: `${origin}/graphql`,
    origin,
    dataSource,
    express: app,
    live,
    webhooks,
    async close() {
      await sync.close();
      await apollo.stop();
      await webhooks?.stop();
      await live?.close();
      await rateLimiter?.close();
      if (ownsDataSource && dataSource.isInitialized) await dataSource.destroy();
    },
  };
}
