import { createSign } from "node:crypto";
import express, { type Express, type Request, type Response } from "express";
import { onEmulatorChange, type EmulatorChange } from "./audit-records";
import type { EmulatorState, EmuPartner } from "./state";
import { EMULATOR_WEBHOOK_CERT_PEM, EMULATOR_WEBHOOK_KEY_PEM } from "./webhook-test-key";

// Partner Center webhooks in the emulator (https://learn.microsoft.com/partner-center/developer/partner-center-webhooks):
// a partner registers its callback URL and the events it wants (POST /webhooks/v1/registration, body WebhookUrl +
// WebhookEvents; GET answers the registration), and every change of the emulator's state is POSTed to it as the
// documented event body (EventName, ResourceUri, ResourceName, AuditUri, ResourceChangeUtcDate), signed like
// Partner Center signs: `Authorization: Signature <base64 RSA-SHA256 of the body>`, `x-ms-signature-algorithm:
// rsa-sha256` and `x-ms-certificate-url` naming the certificate to verify with (served here). Event names:
// https://learn.microsoft.com/partner-center/developer/partner-center-webhook-events.

/** The events the emulator can send (those its state changes produce, and the documented test event). */
export const EMULATOR_WEBHOOK_EVENTS = [
  "subscription-updated",
  "customer-created",
  "reseller-relationship-accepted-by-customer",
  "indirect-reseller-relationship-accepted-by-customer",
  "test-created",
] as const;

interface Registration {
  WebhookUrl: string;
  WebhookEvents: string[];
}

interface WebhookState {
  registrations: Map<string, Registration>;
  pending: Set<Promise<void>>;
  /** Status of every delivery (for tests and the dev log). */
  deliveries: Array<{ eventName: string; url: string; status: number }>;
}

const webhookStates = new WeakMap<EmulatorState, WebhookState>();

function webhooksOf(state: EmulatorState): WebhookState {
  let w = webhookStates.get(state);
  if (!w) webhookStates.set(state, (w = { registrations: new Map(), pending: new Set(), deliveries: [] }));
  return w;
}

/** Signs a body as Partner Center does (RSA with SHA-256, base64). */
export function signWebhookBody(body: string, keyPem: string = EMULATOR_WEBHOOK_KEY_PEM): string {
  return createSign("RSA-SHA256").update(body, "utf8").sign(keyPem, "base64");
}

/** Resolves when every webhook sent so far has been answered; answers the deliveries so far. */
export async function webhookDeliveries(state: EmulatorState): Promise<WebhookState["deliveries"]> {
  const w = webhooksOf(state);
  while (w.pending.size > 0) await Promise.allSettled([...w.pending]);
  return w.deliveries;
}

/**
 * Mounts the registration endpoint and the certificate, and sends a signed event to the registered callback on
 * every change. `authenticate` answers the partner of the request's bearer token (the emulator's token check).
 */
export function mountWebhooks(
  app: Express,
  state: EmulatorState,
  authenticate: (req: Request) => EmuPartner | null,
  baseUrl: () => string,
): void {
  const w = webhooksOf(state);
  app.get("/webhooks/certificate.cer", (_req, res) => {
    res.type("application/x-x509-ca-cert").send(EMULATOR_WEBHOOK_CERT_PEM);
  });
  const registration = (req: Request, res: Response, write: boolean) => {
    const partner = authenticate(req);
    if (!partner) {
      res.status(401).end();
      return;
    }
    if (write) {
      const body = req.body as Partial<Registration> | undefined;
      const events = Array.isArray(body?.WebhookEvents) ? body.WebhookEvents.map(String) : [];
      const unknown = events.filter((e) => !(EMULATOR_WEBHOOK_EVENTS as readonly string[]).includes(e));
      if (typeof body?.WebhookUrl !== "string" || !/^https?:\/\//.test(body.WebhookUrl) || unknown.length > 0) {
        res.status(400).json({ code: 400, description: "WebhookUrl must be a URL and WebhookEvents known events." });
        return;
      }
      w.registrations.set(partner.tenantId, { WebhookUrl: body.WebhookUrl, WebhookEvents: events });
    }
    const r = w.registrations.get(partner.tenantId);
    if (!r) {
      res.status(404).json({ code: 404, description: "No registration." });
      return;
    }
    res.json({ SubscriberId: partner.tenantId, WebhookUrl: r.WebhookUrl, WebhookEvents: r.WebhookEvents });
  };
  app.post("/webhooks/v1/registration", express.json({ limit: "16kb" }), (req, res) => registration(req, res, true));
  app.put("/webhooks/v1/registration", express.json({ limit: "16kb" }), (req, res) => registration(req, res, true));
  app.get("/webhooks/v1/registration", (req, res) => registration(req, res, false));

  onEmulatorChange(state, (change: EmulatorChange) => {
    const r = w.registrations.get(change.partnerTenantId);
    if (!r || !r.WebhookEvents.includes(change.eventName)) return;
    const base = baseUrl();
    const body = JSON.stringify({
      EventName: change.eventName,
      ResourceUri: `${base}${change.resourceUri}`,
      ResourceName: change.eventName.split("-")[0],
      AuditUri: null,
      ResourceChangeUtcDate: change.at.toISOString(),
    });
    const delivery = fetch(r.WebhookUrl, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Signature ${signWebhookBody(body)}`,
        "x-ms-certificate-url": `${base}/webhooks/certificate.cer`,
        "x-ms-signature-algorithm": "rsa-sha256",
      },
      body,
    }).then(
      (res) => void w.deliveries.push({ eventName: change.eventName, url: r.WebhookUrl, status: res.status }),
      () => void w.deliveries.push({ eventName: change.eventName, url: r.WebhookUrl, status: 0 }),
    );
    w.pending.add(delivery);
    void delivery.finally(() => w.pending.delete(delivery));
  });
}
