import { TransferPolicy } from "./domain/enums";

export interface AppConfig {
  host: string;
  port: number;
  /** postgres://… selects PostgreSQL; otherwise the embedded SQLite file at sqlitePath. */
  databaseUrl: string | null;
  sqlitePath: string;
  transferPolicy: TransferPolicy;
  /** HS256 key for bearer tokens. */
  authSecret: string;
  production: boolean;
  /** Serve the demo sign-in (list of seeded users). */
  demoLogin: boolean;
  seedOnEmptyDatabase: boolean;
  /** Count SQL statements per request and report them in the x-sql-count header (tests, benchmarks). */
  countSql: boolean;
  logErrors: boolean;
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

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const production = env.NODE_ENV === "production";
  const databaseUrl = env.DATABASE_URL && /^postgres(ql)?:\/\//.test(env.DATABASE_URL) ? env.DATABASE_URL : null;
  const authSecret = env.AUTH_SECRET ?? "";
  if (production && authSecret.length < 32) {
    throw new Error("AUTH_SECRET must be set to at least 32 characters when NODE_ENV=production");
  }
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT is not a port number: ${env.PORT}`);
  return {
    host: env.HOST ?? "127.0.0.1",
    port,
    databaseUrl,
    sqlitePath: env.SQLITE_PATH ?? "data/channelgate.sqlite",
    transferPolicy: parsePolicy(env.TRANSFER_POLICY),
    // Development default: a fixed, documented key. Production refuses to start without its own.
    authSecret: authSecret || "channelgate-development-secret-do-not-use-in-production",
    production,
    demoLogin: envBool(env.DEMO_LOGIN, !production && databaseUrl === null),
    seedOnEmptyDatabase: envBool(env.SEED_ON_EMPTY, !production),
    countSql: envBool(env.COUNT_SQL, false),
    logErrors: envBool(env.LOG_ERRORS, true),
  };
}
