import { randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import { startApp, type RunningApp } from "../../server/src/app";
import { signToken } from "../../server/src/auth/token";
import { toIsoDate } from "../../server/src/common/dates";
import { loadConfig, type AppConfig } from "../../server/src/config";
import { RelationshipStatus, UserRole } from "../../server/src/domain/enums";
import { User } from "../../server/src/modules/user/user.entity";
import { PartnerCenterClient, type PartnerCenterSettings } from "../../server/src/partner-center/client";
import { startEmulator, type RunningEmulator } from "../../server/src/partner-center/emulator/server";
import { stateFromWorld, type EmulatorState } from "../../server/src/partner-center/emulator/state";
import { fullSync } from "../../server/src/partner-center/sync";
import type { World } from "../../server/src/scenarios/world";
import { buildDemoWorld } from "../../server/src/seed/demo-world";
import { partnerCenterUpstream, type UpstreamPort } from "../../server/src/upstream/upstream";
import { migratedDatabase } from "./harness";

// The setup the Partner Center API tests share (write-through, scheduled changes): the demo network cut down to the
// home partner's customers in the emulator (in-process, on a free port), synced into a fresh database (SQLite in
// memory, or PostgreSQL under TEST_DATABASE_URL), the home partner's Global admin, and the server with the
// partner-center adapter in front of it, signed in as that admin.

export const asOf = toIsoDate(new Date());
export const SECRET = `s3cr3t-${randomUUID()}`;
export const CLIENT_ID = "channelgate-test";
/** A direct-bill partner: it orders for its customers without naming a reseller. */
export const HOME = "cascadia";
export const ADMIN = "admin@cascadia.example";

/** The emulator's sign-in as the partner `tenantId` (the client registered as CLIENT_ID with SECRET). */
export function emulatorSettings(emulator: RunningEmulator, tenantId: string): PartnerCenterSettings {
  return {
    apiUrl: emulator.url,
    tokenUrl: `${emulator.url}/<tenant>/oauth2/token`,
    tenantId,
    clientId: CLIENT_ID,
    clientSecret: SECRET,
    refreshToken: emulator.refreshTokenFor(tenantId),
  };
}

/** The demo network cut down to the home partner's customers (every partner kept, for the relationships). */
export function homeWorld(): World {
  const demo = buildDemoWorld(asOf);
  const customers = new Set(
    demo.relationships
      .filter((r) => r.partner === HOME && r.status === RelationshipStatus.ACTIVE)
      .map((r) => r.customer),
  );
  return {
    partners: demo.partners,
    partnerships: demo.partnerships,
    customers: demo.customers.filter((c) => customers.has(c.key)),
    relationships: demo.relationships.filter((r) => customers.has(r.customer)),
    subscriptions: demo.subscriptions.filter((s) => customers.has(s.customer)),
    transfers: demo.transfers.filter((t) => customers.has(t.customer)),
  };
}

export interface GqlAnswer<T> {
  status: number;
  headers: Headers;
  body: { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

export interface PartnerCenterFixture {
  emulator: RunningEmulator;
  state: EmulatorState;
  ds: DataSource;
  app: RunningApp;
  config: AppConfig;
  /** The adapter the server writes through (three attempts per call, so that a test can make one fail for good). */
  upstream: UpstreamPort;
  tenantId: string;
  /** The admin's bearer token. */
  token: string;
  /** The home partner's customers' global ids, as the server lists them. */
  customerIds: string[];
  /** A client of the emulator as the home partner, with short back-offs. */
  client(maxAttempts?: number): PartnerCenterClient;
  /** POSTs to /graphql as the admin. */
  gql<T>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GqlAnswer<T>>;
  close(): Promise<void>;
}

/** Starts it all; `config` is laid over the server's (a rule book, the partner-center settings…). */
export async function startPartnerCenterFixture(
  opts: { config?: (settings: PartnerCenterSettings) => Partial<AppConfig>; serveClient?: boolean } = {},
): Promise<PartnerCenterFixture> {
  const state = stateFromWorld(homeWorld(), asOf);
  const emulator = await startEmulator(state, { clients: { [CLIENT_ID]: SECRET } });
  const tenantId = state.partners.get(HOME)!.tenantId;
  const settings = emulatorSettings(emulator, tenantId);
  const client = (maxAttempts = 8) =>
    new PartnerCenterClient(settings, { backoffBaseMs: 5, backoffCapMs: 20, maxAttempts });
  const { ds, url: databaseUrl, drop } = await migratedDatabase();
  await fullSync(ds, client(8));
  await ds.getRepository(User).insert({
    id: randomUUID(),
    partnerId: tenantId,
    email: ADMIN,
    displayName: "Cascadia admin",
    role: UserRole.GLOBAL_ADMIN,
    deactivatedAt: null,
  });
  const config: AppConfig = {
    ...loadConfig({}),
    host: "127.0.0.1",
    port: 0,
    databaseUrl,
    sqlitePath: ":memory:",
    seedOnEmptyDatabase: false,
    logErrors: false,
    rateLimitPerMinute: 0,
    ...opts.config?.(settings),
  };
  const upstream = partnerCenterUpstream(client(3));
  const app = await startApp(config, {
    dataSource: ds,
    quiet: true,
    upstream,
    ...(opts.serveClient === undefined ? {} : { serveClient: opts.serveClient }),
  });
  const token = await signToken(config.authSecret, ADMIN);

  async function gql<T>(
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<GqlAnswer<T>> {
    const res = await fetch(app.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as GqlAnswer<T>["body"] };
  }

  const customers = await gql<{ customers: { edges: Array<{ node: { id: string } }> } }>(
    `{ customers(first: 50) { edges { node { id } } } }`,
  );
  const customerIds = customers.body.data!.customers.edges.map((e) => e.node.id);
  return {
    emulator,
    state,
    ds,
    app,
    config,
    upstream,
    tenantId,
    token,
    customerIds,
    client,
    gql,
    async close() {
      await app.close();
      await ds.destroy();
      await drop?.();
      await emulator.close();
    },
  };
}
