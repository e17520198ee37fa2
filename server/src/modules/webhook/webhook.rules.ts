import { createHmac } from "node:crypto";
import { BlockList, isIP } from "node:net";
import { toGlobalId, type NodeTypeName } from "../../common/global-id";
import type { PublishedEvent } from "../live/fan-out";
import { WebhookDeliveryStatus } from "./webhook-delivery.entity";

// The pure rules of outbound webhooks: what is signed and how, which URLs are refused, when to retry. The
// dispatcher (webhook.dispatcher.ts) and the service apply them; README "Outbound webhooks" documents them.

/** Request headers (lower case, as receivers' frameworks show them). */
export const HEADER = {
  signature: "channelgate-signature",
  timestamp: "channelgate-timestamp",
  delivery: "channelgate-delivery",
  event: "channelgate-event",
} as const;

/** What a receiver should accept: a timestamp within this many seconds of its clock (replay window). */
export const REPLAY_WINDOW_SECONDS = 300;

/** `v1=` + hex HMAC-SHA256, keyed with the endpoint's secret, of `<timestamp>.<raw body>` (Stripe's scheme). */
export function signBody(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** The body sent for an event: its id, type and time, and `data` shaped as the GraphQL subscription's LiveEvent. */
export function payloadOf(e: PublishedEvent): string {
  const occurredAt = new Date(e.occurredAt).toISOString();
  return JSON.stringify({
    id: e.id,
    type: e.type,
    occurredAt,
    data: {
      id: e.id,
      type: e.type,
      occurredAt,
      subjectId: toGlobalId(e.subjectType as NodeTypeName, e.subjectId),
      dueOn: e.dueOn,
    },
  });
}

/** Whether an endpoint takes events of this type (an empty filter takes every type). */
export const wants = (eventTypes: readonly string[], type: string) =>
  eventTypes.length === 0 || eventTypes.includes(type);

/**
 * Addresses an endpoint may not reach unless WEBHOOK_ALLOW_PRIVATE_URLS is set: the server's own machine, private
 * networks and cloud metadata (SSRF). Checked on the URL when saved and on every resolved address when sending.
 */
const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  PRIVATE.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  PRIVATE.addSubnet(net, prefix, "ipv6");

/** True for an IP address in a private, loopback, link-local, reserved or multicast range (IPv4-mapped too). */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "");
  const family = isIP(bare);
  if (family === 0) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return PRIVATE.check(mapped[1]!, "ipv4");
  return PRIVATE.check(bare, family === 4 ? "ipv4" : "ipv6");
}

export type UrlProblem = "WEBHOOK_URL_INVALID" | "WEBHOOK_URL_HTTPS" | "WEBHOOK_URL_PRIVATE";

/** Why a URL cannot be an endpoint, or null. Host names are checked again, resolved, at every attempt. */
export function urlProblem(raw: string, allowPrivate: boolean): UrlProblem | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return "WEBHOOK_URL_INVALID";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "WEBHOOK_URL_INVALID";
  if (url.username || url.password || url.hash) return "WEBHOOK_URL_INVALID";
  if (allowPrivate) return null;
  if (url.protocol !== "https:") return "WEBHOOK_URL_HTTPS";
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  if (host === "localhost" || host.endsWith(".localhost") || isPrivateAddress(host)) return "WEBHOOK_URL_PRIVATE";
  return null;
}

/** The wait before attempt `attempt + 1`, after `attempt` failed: the schedule's entry (the last one repeats), ±20 %. */
export function retryDelayMs(attempt: number, schedule: readonly number[], random: () => number = Math.random): number {
  const base = schedule[Math.min(attempt - 1, schedule.length - 1)] ?? 60_000;
  return Math.max(0, Math.round(base * (0.8 + 0.4 * random())));
}

/** What one attempt's answer means for the delivery. */
export interface AttemptOutcome {
  status: WebhookDeliveryStatus;
  /** The endpoint is to be turned off (the receiver answered 410 Gone). */
  disableEndpoint: boolean;
  retry: boolean;
}

/** 2xx delivered; 410 Gone fails and turns the endpoint off; anything else is retried while attempts remain. */
export function outcomeOf(responseCode: number | null, attempt: number, maxAttempts: number): AttemptOutcome {
  if (responseCode !== null && responseCode >= 200 && responseCode < 300) {
    return { status: WebhookDeliveryStatus.DELIVERED, disableEndpoint: false, retry: false };
  }
  if (responseCode === 410) return { status: WebhookDeliveryStatus.FAILED, disableEndpoint: true, retry: false };
  if (attempt >= maxAttempts) return { status: WebhookDeliveryStatus.FAILED, disableEndpoint: false, retry: false };
  return { status: WebhookDeliveryStatus.PENDING, disableEndpoint: false, retry: true };
}

/** Error text as stored: one line, at most `max` characters. */
export function truncateError(text: string, max = 500): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
