import { RuleBook, TransferPolicy } from "./domain/enums";
import type { PartnerCenterSettings } from "./partner-center/client";
import {
  DEFAULT_WEBHOOK_CERT_HOSTS,
  DEFAULT_WEBHOOK_ORGANIZATION,
  type WebhookTrust,
} from "./partner-center/webhook-verify";
import { readFileSync } from "node:fs";

/** Where the partner network lives: channelgate's own database (sandbox), or Partner Center (synced into it). */
export type UpstreamKind = "sandbox" | "partner-center";

export interface AppConfig {
  host: string;
  port: number;
  /** postgres://… selects PostgreSQL; otherwise the embedded SQLite file at sqlitePath. */
  databaseUrl: string | null;
  sqlitePath: string;
  transferPolicy: TransferPolicy;
  /** The rule book the engine applies (RULE_BOOK; V2 unless set). */
  ruleBook: RuleBook;
  /** HS256 key for bearer tokens. */
  authSecret: string;
  production: boolean;
  /** Serve the demo sign-in (list of seeded users). */
  demoLogin: boolean;
  seedOnEmptyDatabase: boolean;
  /** Count SQL statements per request and report them in the x-sql-count header (tests, benchmarks). */
  countSql: boolean;
  logErrors: boolean;
  /** One structured log line per GraphQL operation (LOG_REQUESTS, on by default). */
  logRequests: boolean;
  /** GRAPHQL_EXECUTOR: queries and mutations compiled by graphql-jit, or run by graphql-js's `execute`. */
  graphqlExecutor: GraphqlExecutorKind;
  /**
   * HEAP_GROWING_PERCENT: how far V8 lets the old generation grow past what survived the last full collection before
   * it collects again (0: V8's own factor, which reaches 4× under load). See common/heap-tuning.ts.
   */
  heapGrowingPercent: number;
  /** Requests per minute per signed-in user (0 turns the rate limit off). */
  rateLimitPerMinute: number;
  /** Requests per minute per address for anonymous callers. */
  anonymousRateLimitPerMinute: number;
  /** Query-cost budget per signed-in caller (points) and its restore rate (points per second). */
  costBudget: number;
  costRestoreRate: number;
  /** redis://… shares the rate limit across replicas; otherwise it is counted in memory. */
  redisUrl: string | null;
  /** Live events (modules/live): outbox polling, the timed-event scan, and the Redis channel prefix. */
  live: LiveConfig;
  /** Outbound webhooks (modules/webhook): delivery of the outbox's events to partners' registered URLs. */
  webhooks: WebhookConfig;
  /** Express `trust proxy`: how many proxies in front of the server set X-Forwarded-For (for the caller's address). */
  trustProxy: number;
  /** UPSTREAM: sandbox (default; the database is the truth) or partner-center. */
  upstream: UpstreamKind;
  /** Partner Center connection (PARTNER_CENTER_*); set when upstream is partner-center. */
  partnerCenter: PartnerCenterSettings | null;
  /** Which signed webhook events POST /partner-center/webhooks accepts (PARTNER_CENTER_WEBHOOK_*). */
  partnerCenterWebhooks: WebhookTrust;
  /** SYNC_INTERVAL_MINUTES: the incremental sync from Partner Center's audit records runs this often (0: off). */
  syncIntervalMinutes: number;
  /** SYNC_STALE_AFTER_MINUTES: data not confirmed by a successful sync run for this long is shown as stale. */
  syncStaleAfterMinutes: number;
  /** OpenID Connect sign-in (auth/oidc.ts), or null when OIDC_ISSUER is not set. */
  oidc: OidcConfig | null;
  /**
   * OpenID Connect sign-in of CUSTOMER tenants' global admins, who accept relationship requests
   * (auth/customer-oidc.ts), or null when OIDC_CUSTOMER_ISSUER is not set (the feature is off).
   */
  customerOidc: OidcConfig | null;
  /**
   * The app's public origin (PUBLIC_URL, e.g. https://channelgate.example.com): the OIDC redirect URI is built on it
   * and cookie-signed-in requests must come from it (Origin check). Null in development: the request's own origin.
   */
  publicOrigin: string | null;
  /** How long a browser session lives (hours); the session cookie is refused after that. */
  sessionHours: number;
  /** Mark the session cookie Secure (production, or a https PUBLIC_URL). */
  secureCookies: boolean;
  /**
   * The sandbox's clock (modules/lifecycle/scheduler.ts): renewals, expiries, transfers past 30 days. SCHEDULER=off
   * turns it off; SCHEDULER_INTERVAL_SECONDS sets how often it runs. Never with UPSTREAM=partner-center.
   */
  scheduler: { enabled: boolean; intervalSeconds: number };
}

export interface LiveConfig {
  /** Publish outbox events and serve subscriptions (LIVE_EVENTS, on by default). */
  enabled: boolean;
  /** How often the publisher looks for events without a wake-up (LIVE_POLL_MS). */
  pollMs: number;
  /** How often the timed-event scan runs (LIVE_SCAN_MINUTES; 0 turns it off). */
  scanMinutes: number;
  /** Prefix of the Redis channel (LIVE_CHANNEL_PREFIX): deployments sharing one Redis use different ones. */
  channelPrefix: string;
  /** Published outbox rows are deleted after this many hours (LIVE_RETAIN_HOURS). */
  retainHours: number;
}

export interface WebhookConfig {
  /** Deliver events to registered endpoints (WEBHOOKS, on by default; needs LIVE_EVENTS, which drains the outbox). */
  enabled: boolean;
  /** Endpoints may be http:// and on private, loopback or link-local addresses (WEBHOOK_ALLOW_PRIVATE_URLS). */
  allowPrivateUrls: boolean;
  /** How long one attempt may take, connection to last byte (WEBHOOK_TIMEOUT_MS). */
  timeoutMs: number;
  /** Attempts per delivery, the first included (WEBHOOK_MAX_ATTEMPTS). */
  maxAttempts: number;
  /** Waits before the 2nd, 3rd… attempt (WEBHOOK_RETRY_DELAYS, e.g. "1m,5m,30m,2h,6h"; the last one repeats). */
  retryDelaysMs: number[];
  /**
   * The safety poll: how often each replica looks for due deliveries without a wake-up (WEBHOOK_POLL_MS). New
   * deliveries, replays and this replica's own retries wake it at once or at their time.
   */
  pollMs: number;
  /** Deliveries sent at once by one replica (WEBHOOK_CONCURRENCY). */
  concurrency: number;
  /** Finished deliveries are deleted after this many days (WEBHOOK_RETAIN_DAYS). */
  retainDays: number;
}

/** "1m,5m,30m,2h" → milliseconds; units ms, s, m, h (tests use tiny delays such as "20ms"). */
export function parseDurations(name: string, value: string | undefined, fallback: string): number[] {
  const text = value === undefined || value === "" ? fallback : value;
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const out = text.split(",").map((part) => {
    const m = /^\s*(\d+)\s*(ms|s|m|h)\s*$/.exec(part);
    if (!m) throw new Error(`${name} must be durations such as "1m,5m,30m,2h", got "${text}"`);
    return Number(m[1]) * unit[m[2]!]!;
  });
  if (out.length === 0 || out.length > 50 || out.some((ms) => ms > 7 * 86_400_000)) {
    throw new Error(`${name} must list 1–50 durations of at most 7 days, got "${text}"`);
  }
  return out;
}

export interface OidcConfig {
  /** The issuer identifier; its /.well-known/openid-configuration is discovered at start. */
  issuer: string;
  clientId: string;
  /** Null for a public client (PKCE only, no client secret). */
  clientSecret: string | null;
  /** Plain-http issuer allowed (a local test provider); never in production. */
  allowHttp: boolean;
}

/** The published development key: a token signed with it proves nothing, so production refuses it. */
export const DEVELOPMENT_AUTH_SECRET = "channelgate-development-secret-do-not-use-in-production";

function envInt(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`${name} must be a whole number ${min}–${max}, got "${value}"`);
  return n;
}

function envBool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === "") return fallback;
  return ["1", "true", "yes", "on"].includes(value.toLowerCase());
}

export function parsePolicy(value: string | undefined): TransferPolicy {
  if (value === undefined || value === "") return TransferPolicy.CURRENT;
  if (value === TransferPolicy.CURRENT || value === TransferPolicy.LEGACY_2023) return value;
  throw new Error(`TRANSFER_POLICY must be CURRENT or LEGACY_2023, got "${value}"`);
}

function parsePublicUrl(value: string | undefined, production: boolean): string | null {
  if (value === undefined || value === "") return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`PUBLIC_URL is not a URL: "${value}"`);
  }
  if (url.protocol !== "https:" && (production || url.protocol !== "http:")) {
    throw new Error(`PUBLIC_URL must be an https:// address${production ? " in production" : ""}, got "${value}"`);
  }
  return url.origin;
}

function parseOidc(
  env: NodeJS.ProcessEnv,
  production: boolean,
  publicOrigin: string | null,
  prefix: "OIDC" | "OIDC_CUSTOMER" = "OIDC",
): OidcConfig | null {
  const OIDC_ISSUER = `${prefix}_ISSUER`;
  const OIDC_CLIENT_ID = `${prefix}_CLIENT_ID`;
  const issuer = env[OIDC_ISSUER] ?? "";
  if (issuer === "") {
    if (env[OIDC_CLIENT_ID]) throw new Error(`${OIDC_CLIENT_ID} is set but ${OIDC_ISSUER} is not`);
    return null;
  }
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new Error(`${OIDC_ISSUER} is not a URL: "${issuer}"`);
  }
  if (url.protocol !== "https:" && (production || url.protocol !== "http:")) {
    throw new Error(`${OIDC_ISSUER} must be an https:// address${production ? " in production" : ""}, got "${issuer}"`);
  }
  const clientId = env[OIDC_CLIENT_ID] ?? "";
  if (clientId === "" || clientId.length > 200) {
    throw new Error(`${OIDC_ISSUER} needs ${OIDC_CLIENT_ID} (1–200 characters)`);
  }
  if (production && !publicOrigin) {
    throw new Error(`${OIDC_ISSUER} needs PUBLIC_URL in production (the redirect URI and the allowed Origin)`);
  }
  return {
    issuer,
    clientId,
    clientSecret: env[`${prefix}_CLIENT_SECRET`] || null,
    allowHttp: url.protocol === "http:",
  };
}

export const DEFAULT_PARTNER_CENTER_API_URL = "https://api.partnercenter.microsoft.com";
export const DEFAULT_PARTNER_CENTER_TOKEN_URL = "https://login.microsoftonline.com/<tenant>/oauth2/token";

export function parseUpstream(value: string | undefined): UpstreamKind {
  if (value === undefined || value === "" || value === "sandbox") return "sandbox";
  if (value === "partner-center") return value;
  throw new Error(`UPSTREAM must be sandbox or partner-center, got "${value}"`);
}

/** PARTNER_CENTER_* settings; required when UPSTREAM=partner-center (the secret is never put in a message). */
export function loadPartnerCenterSettings(env: NodeJS.ProcessEnv, required: boolean): PartnerCenterSettings | null {
  const tenantId = env.PARTNER_CENTER_TENANT_ID ?? "";
  const clientId = env.PARTNER_CENTER_CLIENT_ID ?? "";
  const clientSecret = env.PARTNER_CENTER_CLIENT_SECRET ?? "";
  const missing = [
    ["PARTNER_CENTER_TENANT_ID", tenantId],
    ["PARTNER_CENTER_CLIENT_ID", clientId],
    ["PARTNER_CENTER_CLIENT_SECRET", clientSecret],
  ]
    .filter(([, v]) => v === "")
    .map(([k]) => k);
  if (missing.length > 0) {
    if (required) throw new Error(`UPSTREAM=partner-center needs ${missing.join(", ")}`);
    return null;
  }
  const apiUrl = env.PARTNER_CENTER_API_URL || DEFAULT_PARTNER_CENTER_API_URL;
  const tokenUrl = env.PARTNER_CENTER_TOKEN_URL || DEFAULT_PARTNER_CENTER_TOKEN_URL;
  for (const [name, url] of [
    ["PARTNER_CENTER_API_URL", apiUrl],
    ["PARTNER_CENTER_TOKEN_URL", tokenUrl],
  ] as const) {
    if (!/^https?:\/\//.test(url)) throw new Error(`${name} must be an http(s) URL, got "${url}"`);
  }
  return {
    apiUrl,
    tokenUrl,
    tenantId,
    clientId,
    clientSecret,
    refreshToken: env.PARTNER_CENTER_REFRESH_TOKEN || null,
  };
}

/** How queries and mutations run (subscriptions always run on graphql-js). */
export type GraphqlExecutorKind = "jit" | "graphql-js";

export function parseGraphqlExecutor(value: string | undefined): GraphqlExecutorKind {
  if (value === undefined || value === "") return "jit";
  if (value === "jit" || value === "graphql-js") return value;
  throw new Error(`GRAPHQL_EXECUTOR must be jit or graphql-js, got "${value}"`);
}

/** RULE_BOOK: new deployments run rule book V2; V1 keeps the first rule book exactly. */
export function parseRuleBook(value: string | undefined): RuleBook {
  if (value === undefined || value === "") return RuleBook.V2;
  if (value === RuleBook.V1 || value === RuleBook.V2) return value;
  throw new Error(`RULE_BOOK must be V1 or V2, got "${value}"`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const production = env.NODE_ENV === "production";
  const databaseUrl = env.DATABASE_URL && /^postgres(ql)?:\/\//.test(env.DATABASE_URL) ? env.DATABASE_URL : null;
  const authSecret = env.AUTH_SECRET ?? "";
  if (production && authSecret.length < 32) {
    throw new Error("AUTH_SECRET must be set to at least 32 characters when NODE_ENV=production");
  }
  if (production && authSecret === DEVELOPMENT_AUTH_SECRET) {
    throw new Error("AUTH_SECRET is the published development key; set a secret of your own for production");
  }
  if (production && envBool(env.DEMO_LOGIN, false)) {
    throw new Error("DEMO_LOGIN signs anyone in without a password; it cannot be turned on when NODE_ENV=production");
  }
  const publicOrigin = parsePublicUrl(env.PUBLIC_URL, production);
  const oidc = parseOidc(env, production, publicOrigin);
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT is not a port number: ${env.PORT}`);
  return {
    host: env.HOST ?? "127.0.0.1",
    port,
    databaseUrl,
    sqlitePath: env.SQLITE_PATH ?? "data/channelgate.sqlite",
    transferPolicy: parsePolicy(env.TRANSFER_POLICY),
    ruleBook: parseRuleBook(env.RULE_BOOK),
    // Development default: a fixed, documented key. Production refuses to start without its own.
    authSecret: authSecret || DEVELOPMENT_AUTH_SECRET,
    production,
    demoLogin: envBool(env.DEMO_LOGIN, !production && databaseUrl === null),
    seedOnEmptyDatabase: envBool(env.SEED_ON_EMPTY, !production),
    countSql: envBool(env.COUNT_SQL, false),
    logErrors: envBool(env.LOG_ERRORS, true),
    logRequests: envBool(env.LOG_REQUESTS, true),
    graphqlExecutor: parseGraphqlExecutor(env.GRAPHQL_EXECUTOR),
    heapGrowingPercent: envInt("HEAP_GROWING_PERCENT", env.HEAP_GROWING_PERCENT, 50, 0, 300),
    rateLimitPerMinute: envInt("RATE_LIMIT", env.RATE_LIMIT, 3000, 0, 1_000_000),
    anonymousRateLimitPerMinute: envInt("RATE_LIMIT_ANONYMOUS", env.RATE_LIMIT_ANONYMOUS, 120, 1, 1_000_000),
    costBudget: envInt("COST_BUDGET", env.COST_BUDGET, 10_000, 100, 10_000_000),
    costRestoreRate: envInt("COST_RESTORE_RATE", env.COST_RESTORE_RATE, 500, 1, 10_000_000),
    redisUrl: env.REDIS_URL && /^rediss?:\/\//.test(env.REDIS_URL) ? env.REDIS_URL : null,
    live: {
      enabled: envBool(env.LIVE_EVENTS, true),
      pollMs: envInt("LIVE_POLL_MS", env.LIVE_POLL_MS, 1000, 50, 60_000),
      scanMinutes: envInt("LIVE_SCAN_MINUTES", env.LIVE_SCAN_MINUTES, 15, 0, 1440),
      channelPrefix: env.LIVE_CHANNEL_PREFIX ?? "cg:live:",
      retainHours: envInt("LIVE_RETAIN_HOURS", env.LIVE_RETAIN_HOURS, 72, 1, 24 * 365),
    },
    webhooks: {
      enabled: envBool(env.WEBHOOKS, true),
      allowPrivateUrls: envBool(env.WEBHOOK_ALLOW_PRIVATE_URLS, false),
      timeoutMs: envInt("WEBHOOK_TIMEOUT_MS", env.WEBHOOK_TIMEOUT_MS, 10_000, 100, 60_000),
      maxAttempts: envInt("WEBHOOK_MAX_ATTEMPTS", env.WEBHOOK_MAX_ATTEMPTS, 8, 1, 20),
      retryDelaysMs: parseDurations("WEBHOOK_RETRY_DELAYS", env.WEBHOOK_RETRY_DELAYS, "1m,5m,30m,2h,6h,12h,24h"),
      pollMs: envInt("WEBHOOK_POLL_MS", env.WEBHOOK_POLL_MS, 60_000, 10, 3_600_000),
      concurrency: envInt("WEBHOOK_CONCURRENCY", env.WEBHOOK_CONCURRENCY, 8, 1, 100),
      retainDays: envInt("WEBHOOK_RETAIN_DAYS", env.WEBHOOK_RETAIN_DAYS, 30, 1, 3650),
    },
    trustProxy: envInt("TRUST_PROXY", env.TRUST_PROXY, 0, 0, 10),
    oidc,
    customerOidc: parseOidc(env, production, publicOrigin, "OIDC_CUSTOMER"),
    publicOrigin,
    sessionHours: envInt("SESSION_HOURS", env.SESSION_HOURS, 8, 1, 12),
    secureCookies: production || (publicOrigin?.startsWith("https:") ?? false),
    scheduler: {
      enabled: envBool(env.SCHEDULER, true) && parseUpstream(env.UPSTREAM) === "sandbox",
      intervalSeconds: envInt("SCHEDULER_INTERVAL_SECONDS", env.SCHEDULER_INTERVAL_SECONDS, 300, 5, 86_400),
    },
    upstream: parseUpstream(env.UPSTREAM),
    partnerCenter: loadPartnerCenterSettings(env, parseUpstream(env.UPSTREAM) === "partner-center"),
    partnerCenterWebhooks: {
      certificateHosts: env.PARTNER_CENTER_WEBHOOK_CERT_HOSTS
        ? env.PARTNER_CENTER_WEBHOOK_CERT_HOSTS.split(",")
            .map((h) => h.trim())
            .filter(Boolean)
        : DEFAULT_WEBHOOK_CERT_HOSTS,
      organization: env.PARTNER_CENTER_WEBHOOK_CERT_ORG || DEFAULT_WEBHOOK_ORGANIZATION,
      trustedCaPem: env.PARTNER_CENTER_WEBHOOK_CA_FILE
        ? readFileSync(env.PARTNER_CENTER_WEBHOOK_CA_FILE, "utf8")
        : null,
      // The emulator serves its certificate over http; production accepts https only.
      allowHttp: !production && envBool(env.PARTNER_CENTER_WEBHOOK_ALLOW_HTTP, false),
    },
    syncIntervalMinutes: envInt("SYNC_INTERVAL_MINUTES", env.SYNC_INTERVAL_MINUTES, 15, 0, 24 * 60),
    syncStaleAfterMinutes: envInt("SYNC_STALE_AFTER_MINUTES", env.SYNC_STALE_AFTER_MINUTES, 60, 1, 7 * 24 * 60),
  };
}
