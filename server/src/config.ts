import { RuleBook, TransferPolicy } from "./domain/enums";

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
  /** Requests per minute per signed-in user (0 turns the rate limit off). */
  rateLimitPerMinute: number;
  /** Requests per minute per address for anonymous callers. */
  anonymousRateLimitPerMinute: number;
  /** Query-cost budget per signed-in caller (points) and its restore rate (points per second). */
  costBudget: number;
  costRestoreRate: number;
  /** redis://… shares the rate limit across replicas; otherwise it is counted in memory. */
  redisUrl: string | null;
  /** Express `trust proxy`: how many proxies in front of the server set X-Forwarded-For (for the caller's address). */
  trustProxy: number;
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
    rateLimitPerMinute: envInt("RATE_LIMIT", env.RATE_LIMIT, 3000, 0, 1_000_000),
    anonymousRateLimitPerMinute: envInt("RATE_LIMIT_ANONYMOUS", env.RATE_LIMIT_ANONYMOUS, 120, 1, 1_000_000),
    costBudget: envInt("COST_BUDGET", env.COST_BUDGET, 10_000, 100, 10_000_000),
    costRestoreRate: envInt("COST_RESTORE_RATE", env.COST_RESTORE_RATE, 500, 1, 10_000_000),
    redisUrl: env.REDIS_URL && /^rediss?:\/\//.test(env.REDIS_URL) ? env.REDIS_URL : null,
    trustProxy: envInt("TRUST_PROXY", env.TRUST_PROXY, 0, 0, 10),
  };
}
