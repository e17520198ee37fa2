import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataSource } from "typeorm";
import { loadConfig } from "../../server/src/config";
import { createDataSource, runInTransaction } from "../../server/src/data-source";
import { PartnerType } from "../../server/src/domain/enums";
import { LiveEventType } from "../../server/src/modules/live/live-event-type";
import { WebhookDelivery, WebhookDeliveryStatus } from "../../server/src/modules/webhook/webhook-delivery.entity";
import { WebhookEndpoint } from "../../server/src/modules/webhook/webhook-endpoint.entity";
import { enqueueDeliveries, WebhookDispatcher } from "../../server/src/modules/webhook/webhook.dispatcher";
import { encryptSecret } from "../../server/src/modules/webhook/webhook-secret";
import { loadWorld } from "../../server/src/scenarios/world";
import { provisionTestDatabase } from "./harness";
import { partner } from "./mutation-helpers";

// Two dispatchers (two replicas' worth: each its own connection pool) on one PostgreSQL database send 60 due
// deliveries together: FOR UPDATE SKIP LOCKED gives each row to one of them, so every delivery reaches the receiver
// exactly once (which replica sends which is up to the race). Runs in the PostgreSQL pass (TEST_DATABASE_URL).

const databaseUrl = process.env.TEST_DATABASE_URL;
const EVENTS = 60;

describe.skipIf(!databaseUrl)("webhook delivery across two replicas on one PostgreSQL", () => {
  let database: Awaited<ReturnType<typeof provisionTestDatabase>>;
  const sources: DataSource[] = [];
  let receiver: Server;
  let url: string;
  const seen: string[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        seen.push(String(req.headers["channelgate-delivery"]));
        // A slow receiver keeps both dispatchers busy at once.
        setTimeout(() => res.writeHead(204).end(), 15);
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    database = await provisionTestDatabase();
    for (let i = 0; i < 2; i++) {
      const ds = createDataSource({ databaseUrl: database!.url, sqlitePath: ":memory:" });
      process.env.LOG_MIGRATIONS = "0";
      await ds.initialize();
      if (i === 0) await ds.runMigrations({ transaction: "all" });
      sources.push(ds);
    }
  });

  afterAll(async () => {
    for (const ds of sources) await ds.destroy();
    await database?.drop();
    await new Promise((r) => receiver?.close(r));
  });

  it("claims each delivery once: no double delivery", async () => {
    const config = loadConfig({});
    const ds = sources[0]!;
    const loaded = await runInTransaction(ds, (em) =>
      loadWorld(
        em,
        {
          partners: [partner("direct", "3600001", [PartnerType.DIRECT_BILL])],
          partnerships: [],
          customers: [],
          relationships: [],
          subscriptions: [],
          transfers: [],
        },
        new Date(),
      ),
    );
    const partnerId = loaded.partners.get("direct")!;
    const now = new Date();
    await ds.getRepository(WebhookEndpoint).insert({
      id: randomUUID(),
      partnerId,
      url,
      description: "",
      eventTypes: [],
      active: true,
      disabledReason: null,
      secretPrefix: "whsec_test",
      secretCiphertext: encryptSecret(config.authSecret, "whsec_test-secret"),
      createdByUserId: null,
      createdAt: now,
      updatedAt: now,
      secretRotatedAt: null,
    });
    const written = await runInTransaction(ds, (em) =>
      enqueueDeliveries(
        em,
        Array.from({ length: EVENTS }, (_, i) => ({
          id: String(i + 1),
          type: LiveEventType.SUBSCRIPTION_CHANGED,
          occurredAt: now.toISOString(),
          subjectType: "CustomerSubscription",
          subjectId: randomUUID(),
          dueOn: null,
          audience: [partnerId],
        })),
      ),
    );
    expect(written).toBe(EVENTS);

    const options = { ...config.webhooks, allowPrivateUrls: true, concurrency: 4 };
    const dispatchers = sources.map((s) => new WebhookDispatcher(s, options, config.authSecret));
    const claimedBy = await Promise.all(
      dispatchers.map(async (d) => {
        let total = 0;
        for (let n = await d.round(); n > 0; n = await d.round()) total += n;
        return total;
      }),
    );
    expect(seen).toHaveLength(EVENTS);
    expect(new Set(seen).size).toBe(EVENTS);
    expect(claimedBy[0]! + claimedBy[1]!).toBe(EVENTS);
    const rows = await ds.getRepository(WebhookDelivery).find();
    expect(rows.every((r) => r.status === WebhookDeliveryStatus.DELIVERED && r.attemptCount === 1)).toBe(true);
  });
});
