import express, { type Express, type Request, type Response } from "express";
import type { DataSource } from "typeorm";
import { logger } from "../../common/log";
import { runInTransaction } from "../../data-source";
import { isUniqueViolation } from "../../common/unique-violation";
import { WebhookRejected, WebhookVerifier, type WebhookTrust } from "../../partner-center/webhook-verify";
import type { RefreshKind } from "../../partner-center/refresh";
import type { UpstreamPort } from "../../upstream/upstream";
import { WebhookEvent } from "./webhook-event.entity";

// POST /partner-center/webhooks: Partner Center's webhook events (https://learn.microsoft.com/partner-center/developer/partner-center-webhooks;
// events: https://learn.microsoft.com/partner-center/developer/partner-center-webhook-events). Each event is verified
// (webhook-verify.ts: 401 and nothing done otherwise), deduplicated by its body, and refreshes just the customer it
// names through the upstream port. An event channelgate does not act on is acknowledged and recorded. A refresh that
// fails answers 503, so Partner Center delivers the event again (it retries); nothing is recorded until it succeeds.

/** Events that change what the sync keeps of a customer, and what to refresh for each. */
const HANDLED: Record<string, RefreshKind> = {
  "subscription-updated": "subscription",
  "subscription-renewed": "subscription",
  "subscription-created": "subscription",
  "customer-created": "customer",
  "customer-updated": "customer",
  "reseller-relationship-accepted-by-customer": "relationship",
  "indirect-reseller-relationship-accepted-by-customer": "relationship",
  "transfer-completed": "transfer",
  "transfer-updated": "transfer",
};

const CUSTOMER_IN_URI = /\/customers\/([0-9a-fA-F-]{36})(?:\/|$)/;

interface PcWebhookEvent {
  EventName?: unknown;
  ResourceUri?: unknown;
}

export function mountPartnerCenterWebhooks(
  app: Express,
  ds: DataSource,
  upstream: UpstreamPort,
  trust: WebhookTrust,
): void {
  const verifier = new WebhookVerifier(trust);
  app.post(
    "/partner-center/webhooks",
    express.raw({ type: () => true, limit: "64kb" }),
    async (req: Request, res: Response) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      let id: string;
      try {
        id = await verifier.verify(req.headers, raw);
      } catch (error) {
        if (error instanceof WebhookRejected) {
          logger.warn({ reason: error.message }, "Partner Center webhook refused");
          res.status(401).json({ error: "unauthorized" });
          return;
        }
        throw error;
      }
      let event: PcWebhookEvent;
      try {
        event = JSON.parse(raw.toString("utf8")) as PcWebhookEvent;
      } catch {
        res.status(400).json({ error: "the body is not JSON" });
        return;
      }
      const eventName = typeof event.EventName === "string" ? event.EventName.slice(0, 100) : "";
      const resourceUri = typeof event.ResourceUri === "string" ? event.ResourceUri.slice(0, 500) : "";
      if (await ds.getRepository(WebhookEvent).existsBy({ id })) {
        res.json({ status: "duplicate" });
        return;
      }
      const kind = HANDLED[eventName];
      const customerId = CUSTOMER_IN_URI.exec(resourceUri)?.[1]?.toLowerCase();
      let outcome = "ignored";
      if (kind && customerId) {
        try {
          await upstream.refresh(ds, kind, customerId);
          outcome = "refreshed";
        } catch (error) {
          logger.warn(
            { eventName, err: error instanceof Error ? error.message : String(error) },
            "webhook refresh failed",
          );
          res.status(503).set("retry-after", "60").json({ error: "try again later" });
          return;
        }
      }
      try {
        await runInTransaction(ds, (em) =>
          em.getRepository(WebhookEvent).insert({ id, eventName, resourceUri, outcome, receivedAt: new Date() }),
        );
      } catch (error) {
        // The same event delivered twice at once: the other delivery recorded it (the refresh is idempotent).
        if (!isUniqueViolation(error)) throw error;
      }
      res.json({ status: outcome });
    },
  );
}
