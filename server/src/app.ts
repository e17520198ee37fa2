import "reflect-metadata";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from "@apollo/server/plugin/landingPage/default";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import express, { type Express } from "express";
import type { DataSource } from "typeorm";
import type { AppConfig } from "./config";
import type { RequestContext } from "./context";
import { createDataSource } from "./data-source";
import { createSchema } from "./schema";
import { makeFormatError } from "./common/errors";
import { sqlCounterStore } from "./common/sql-counter";
import { buildContext } from "./auth/request-context";
import { mountDemoAuth } from "./auth/demo-auth";
import { depthLimit } from "./common/depth-limit";
import { clientDistPath, mountClient } from "./static-client";

export interface RunningApp {
  /** http://host:port/graphql */
  url: string;
  origin: string;
  dataSource: DataSource;
  express: Express;
  close(): Promise<void>;
}

export interface StartOptions {
  /** An initialized, migrated data source; otherwise one is created from the config and migrated. */
  dataSource?: DataSource;
  quiet?: boolean;
  /** Extra routes mounted before the SPA. */
  mount?: (app: Express) => void;
  /** Serve the built SPA from client/dist when it exists (default true). */
  serveClient?: boolean;
}

export async function openDatabase(config: AppConfig): Promise<DataSource> {
  const ds = createDataSource({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
  await ds.initialize();
  await ds.runMigrations({ transaction: "all" });
  return ds;
}

export async function startApp(config: AppConfig, options: StartOptions = {}): Promise<RunningApp> {
  const ownsDataSource = !options.dataSource;
  const dataSource = options.dataSource ?? (await openDatabase(config));
  const app = express();
  app.disable("x-powered-by");
  const httpServer: Server = createServer(app);
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
  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError: makeFormatError(config.logErrors && !options.quiet),
    includeStacktraceInErrorResponses: false,
    introspection: !config.production,
    hideSchemaDetailsFromClientErrors: config.production,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    validationRules: [...protection.validationRules, depthLimit(10)],
    plugins: [
      ...protection.plugins,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginCacheControlDisabled(),
      config.production
        ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
        : ApolloServerPluginLandingPageLocalDefault({ footer: false }),
      {
        async requestDidStart() {
          return {
            async willSendResponse({ contextValue, response }) {
              if (config.countSql) response.http.headers.set("x-sql-count", String(contextValue.sql.statements));
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  app.get("/healthz", async (_req, res) => {
    try {
      await dataSource.query("SELECT 1");
      res.json({ status: "ok" });
    } catch {
      res.status(503).json({ status: "unavailable" });
    }
  });
  if (config.demoLogin) mountDemoAuth(app, dataSource, config);
  app.use(
    "/graphql",
    (_req, _res, next) => sqlCounterStore.run({ statements: 0 }, next),
    express.json({ limit: "1mb" }),
    expressMiddleware(apollo, { context: ({ req }) => buildContext(req, dataSource, config) }),
  );
  options.mount?.(app);
  const client = options.serveClient === false ? null : clientDistPath();
  if (client) mountClient(app, client);
  // Malformed JSON and other request errors: a short message, never a stack trace.
  app.use((err: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(err);
    const status =
      typeof err === "object" && err && "status" in err && typeof err.status === "number" ? err.status : 500;
    res.status(status).json({ errors: [{ message: status < 500 ? "Bad request" : "Internal server error" }] });
  });

  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  const origin = `http://${host}:${port}`;
  return {
    url: `${origin}/graphql`,
    origin,
    dataSource,
    express: app,
    async close() {
      await apollo.stop();
      if (ownsDataSource && dataSource.isInitialized) await dataSource.destroy();
    },
  };
}
