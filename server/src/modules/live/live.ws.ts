import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, Server } from "node:http";
import {
  GraphQLError,
  specifiedRules,
  validate,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
} from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import type { DataSource } from "typeorm";
import type { Request } from "express";
import { toIsoDate } from "../../common/dates";
import type { AppConfig } from "../../config";
import type { Viewer } from "../../context";
import type { UpstreamPort } from "../../upstream/upstream";
import { loadViewer } from "../../auth/request-context";
import { TenantScope } from "../../auth/scope";
import { Loaders } from "../../loaders";
import { csrfTokenFor, findSession, sessionSecretOf } from "../../http/session";
import type { LiveContext, LiveHub } from "./live.hub";

/** A signed-in connection's credential is checked again this often: a revoked token or ended session is closed. */
const RECHECK_MS = 60_000;
/** Operations open at once on one connection. */
const MAX_OPERATIONS = 20;

type ConnectionState = {
  viewer?: Viewer;
  recheck?: NodeJS.Timeout;
  operations?: number;
};

/** Only subscriptions over the socket: queries and mutations go through POST /graphql (its limits and idempotency). */
const subscriptionsOnly: ValidationRule = (context: ValidationContext) => ({
  OperationDefinition(node) {
    if (node.operation !== "subscription") {
      context.reportError(
        new GraphQLError("Only subscriptions are served over WebSocket; use POST /graphql", { nodes: node }),
      );
    }
  },
});

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Who opens the socket, with the same credentials as POST /graphql: `authorization: "Bearer …"` (a user token or an
 * API token) in the connection parameters, or the browser's session cookie. A cookie is ambient authority and the
 * upgrade request cannot carry the CSRF header, so a cookie connection must also send the session's CSRF token as
 * `csrfToken` and come from the app's Origin (http/session.ts). Null: refused.
 */
async function authenticate(
  ds: DataSource,
  config: AppConfig,
  request: IncomingMessage,
  params: Record<string, unknown> | undefined,
): Promise<Viewer | null> {
  const authorization = typeof params?.authorization === "string" ? params.authorization : undefined;
  if (authorization) return loadViewer(ds, config, authorization).catch(() => null);
  const secret = sessionSecretOf(request as Request, config);
  if (!secret) return null;
  const origin = config.publicOrigin ?? `http://${request.headers.host ?? ""}`;
  const csrf = typeof params?.csrfToken === "string" ? params.csrfToken : "";
  if (request.headers.origin !== origin || !sameText(csrf, csrfTokenFor(config, secret))) return null;
  const live = await findSession(ds, secret);
  if (!live) return null;
  const partner = live.user.partner!;
  return { user: live.user, partner, scope: await TenantScope.load(ds, partner), apiTokenId: null, apiTokenScopes: [] };
}

/**
 * GraphQL subscriptions over graphql-ws on the HTTP server's /graphql (the WebSocket upgrade of the same path
 * POST uses). Returns the disposer Apollo's drain calls at shutdown.
 */
export function serveSubscriptions(options: {
  httpServer: Server;
  schema: GraphQLSchema;
  dataSource: DataSource;
  config: AppConfig;
  live: LiveHub;
  /** The process's upstream port: the context carries it as every request's does (subscriptions never write). */
  upstream: UpstreamPort;
  validationRules: readonly ValidationRule[];
}): { dispose(): Promise<void> } {
  const { httpServer, schema, dataSource: ds, config, live, upstream } = options;
  const wss = new WebSocketServer({ server: httpServer, path: "/graphql", maxPayload: 64 * 1024 });
  const rules = [...specifiedRules, ...options.validationRules, subscriptionsOnly];
  const disposable = useServer<Record<string, unknown>, ConnectionState>(
    {
      schema,
      validate: (s, document) => validate(s, document, rules),
      onConnect: async (ctx) => {
        const viewer = await authenticate(ds, config, ctx.extra.request, ctx.connectionParams);
        if (!viewer) return false;
        ctx.extra.viewer = viewer;
        ctx.extra.operations = 0;
        const recheck = setInterval(() => {
          void authenticate(ds, config, ctx.extra.request, ctx.connectionParams).then((still) => {
            if (!still || still.user.role !== viewer.user.role) ctx.extra.socket.close(4403, "Forbidden");
          });
        }, RECHECK_MS);
        recheck.unref();
        ctx.extra.recheck = recheck;
        return true;
      },
      onSubscribe: (ctx) => {
        const open = (ctx.extra.operations ?? 0) + 1;
        if (open > MAX_OPERATIONS) {
          return [new GraphQLError(`At most ${MAX_OPERATIONS} subscriptions per connection`)];
        }
        ctx.extra.operations = open;
        return undefined;
      },
      onComplete: (ctx) => {
        ctx.extra.operations = Math.max(0, (ctx.extra.operations ?? 1) - 1);
      },
      onClose: (ctx) => {
        if (ctx.extra.recheck) clearInterval(ctx.extra.recheck);
      },
      context: (ctx): LiveContext => {
        const viewer = ctx.extra.viewer ?? null;
        return {
          config,
          dataSource: ds,
          viewer,
          loaders: new Loaders(ds, viewer?.scope ?? null, config.transferPolicy, config.ruleBook),
          locale: "en",
          today: toIsoDate(new Date()),
          request: { requestId: "", statements: 0 },
          live,
          upstream,
          idempotencyScope: null,
        };
      },
    },
    wss,
  );
  return {
    async dispose() {
      await disposable.dispose();
    },
  };
}
