import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { parseDurations } from "../../../config";
import { LiveEventType } from "../../live/live-event-type";
import { WebhookDeliveryStatus } from "../webhook-delivery.entity";
import { decryptSecret, encryptSecret, newWebhookSecret } from "../webhook-secret";
import {
  isPrivateAddress,
  outcomeOf,
  payloadOf,
  retryDelayMs,
  signBody,
  truncateError,
  urlProblem,
  wants,
} from "../webhook.rules";
import { postWebhook } from "../webhook.sender";

describe("webhook signature", () => {
  it("is v1= hex HMAC-SHA256 of `<timestamp>.<body>` keyed with the secret", () => {
    const expected = createHmac("sha256", "whsec_k").update('1700000000.{"a":1}').digest("hex");
    expect(signBody("whsec_k", 1700000000, '{"a":1}')).toBe(`v1=${expected}`);
    expect(signBody("whsec_k", 1700000001, '{"a":1}')).not.toBe(`v1=${expected}`);
  });

  it("sends the event with data shaped as the subscription's LiveEvent", () => {
    const body = JSON.parse(
      payloadOf({
        id: "42",
        type: LiveEventType.TRANSFER_EXPIRING,
        occurredAt: "2026-12-01T10:00:00.000Z",
        subjectType: "Transfer",
        subjectId: "7d6f5c1e-0000-4000-8000-000000000001",
        dueOn: "2026-12-03",
        audience: ["p1"],
      }),
    );
    expect(body).toEqual({
      id: "42",
      type: "TRANSFER_EXPIRING",
      occurredAt: "2026-12-01T10:00:00.000Z",
      data: {
        id: "42",
        type: "TRANSFER_EXPIRING",
        occurredAt: "2026-12-01T10:00:00.000Z",
        subjectId: Buffer.from("Transfer:7d6f5c1e-0000-4000-8000-000000000001").toString("base64url"),
        dueOn: "2026-12-03",
      },
    });
    // The audience (other partners' ids) is never sent.
    expect(JSON.stringify(body)).not.toContain("p1");
  });

  it("filters by event type; an empty filter takes every type", () => {
    expect(wants([], "TRANSFER_CREATED")).toBe(true);
    expect(wants(["TRANSFER_CREATED"], "TRANSFER_CREATED")).toBe(true);
    expect(wants(["TRANSFER_CREATED"], "SUBSCRIPTION_CHANGED")).toBe(false);
  });
});

describe("endpoint URLs (SSRF)", () => {
  it("refuses private, loopback, link-local and metadata addresses unless allowed", () => {
    for (const a of [
      "127.0.0.1",
      "10.1.2.3",
      "172.20.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "0.0.0.0",
      "::1",
      "fd00::1",
      "fe80::1",
      "::ffff:127.0.0.1",
      "100.64.0.1",
    ]) {
      expect(isPrivateAddress(a), a).toBe(true);
    }
    for (const a of ["8.8.8.8", "52.1.2.3", "2606:4700::1111", "example.com"])
      expect(isPrivateAddress(a), a).toBe(false);
    expect(urlProblem("https://hooks.example.com/x", false)).toBeNull();
    expect(urlProblem("http://hooks.example.com/x", false)).toBe("WEBHOOK_URL_HTTPS");
    expect(urlProblem("https://127.0.0.1/x", false)).toBe("WEBHOOK_URL_PRIVATE");
    expect(urlProblem("https://[::1]/x", false)).toBe("WEBHOOK_URL_PRIVATE");
    expect(urlProblem("https://localhost:8443/x", false)).toBe("WEBHOOK_URL_PRIVATE");
    expect(urlProblem("https://169.254.169.254/latest/meta-data", false)).toBe("WEBHOOK_URL_PRIVATE");
    expect(urlProblem("http://127.0.0.1:9/x", true)).toBeNull();
    expect(urlProblem("ftp://example.com/", true)).toBe("WEBHOOK_URL_INVALID");
    expect(urlProblem("https://u:p@example.com/", true)).toBe("WEBHOOK_URL_INVALID");
    expect(urlProblem("https://example.com/#x", true)).toBe("WEBHOOK_URL_INVALID");
    expect(urlProblem("nonsense", true)).toBe("WEBHOOK_URL_INVALID");
  });

  it("the sender refuses a name resolving to a private address at connection time", async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits += 1;
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    try {
      // https to localhost (resolves to loopback): refused by the lookup guard before any connection.
      const refused = await postWebhook(`https://localhost:${port}/`, {}, "{}", {
        timeoutMs: 2000,
        allowPrivate: false,
      });
      expect(refused.responseCode).toBeNull();
      expect(refused.error).toMatch(/private: refused/);
      const literal = await postWebhook(`https://127.0.0.1:${port}/`, {}, "{}", {
        timeoutMs: 2000,
        allowPrivate: false,
      });
      expect(literal.error).toMatch(/private: refused/);
      const plain = await postWebhook(`http://example.com/`, {}, "{}", { timeoutMs: 2000, allowPrivate: false });
      expect(plain.error).toMatch(/https/);
      expect(hits).toBe(0);
      const allowed = await postWebhook(`http://localhost:${port}/`, {}, "{}", { timeoutMs: 2000, allowPrivate: true });
      expect(allowed.responseCode).toBe(200);
      expect(hits).toBe(1);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it("times out a receiver that does not answer", async () => {
    const server = createServer(() => undefined);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as AddressInfo).port;
    try {
      const r = await postWebhook(`http://127.0.0.1:${port}/`, {}, "{}", { timeoutMs: 150, allowPrivate: true });
      expect(r).toMatchObject({ responseCode: null, error: "no answer within 150 ms" });
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});

describe("retries", () => {
  it("follows the schedule (the last entry repeats) with ±20 % jitter", () => {
    const schedule = parseDurations("X", "1m,5m,30m,2h,6h", "");
    expect(schedule).toEqual([60_000, 300_000, 1_800_000, 7_200_000, 21_600_000]);
    expect(retryDelayMs(1, schedule, () => 0.5)).toBe(60_000);
    expect(retryDelayMs(2, schedule, () => 0)).toBe(240_000);
    expect(retryDelayMs(3, schedule, () => 1)).toBe(2_160_000);
    expect(retryDelayMs(9, schedule, () => 0.5)).toBe(21_600_000);
    expect(() => parseDurations("X", "1 minute", "")).toThrow(/X must be durations/);
    expect(parseDurations("X", "", "20ms,1s")).toEqual([20, 1000]);
  });

  it("2xx delivers, 410 fails and turns the endpoint off, others retry until the last attempt", () => {
    expect(outcomeOf(204, 1, 3)).toEqual({
      status: WebhookDeliveryStatus.DELIVERED,
      disableEndpoint: false,
      retry: false,
    });
    expect(outcomeOf(410, 1, 3)).toEqual({ status: WebhookDeliveryStatus.FAILED, disableEndpoint: true, retry: false });
    expect(outcomeOf(500, 2, 3)).toEqual({
      status: WebhookDeliveryStatus.PENDING,
      disableEndpoint: false,
      retry: true,
    });
    expect(outcomeOf(null, 2, 3).retry).toBe(true);
    expect(outcomeOf(302, 3, 3)).toEqual({
      status: WebhookDeliveryStatus.FAILED,
      disableEndpoint: false,
      retry: false,
    });
  });

  it("keeps errors to one line of at most 500 characters", () => {
    expect(truncateError("a\n  b")).toBe("a b");
    expect(truncateError("x".repeat(900))).toHaveLength(500);
  });
});

describe("secrets at rest", () => {
  it("encrypts under AUTH_SECRET; another key cannot read it", () => {
    const secret = newWebhookSecret();
    const stored = encryptSecret("key-one", secret);
    expect(stored).not.toContain(secret.slice(6));
    expect(decryptSecret("key-one", stored)).toBe(secret);
    expect(decryptSecret("key-two", stored)).toBeNull();
    expect(decryptSecret("key-one", "garbage")).toBeNull();
  });
});
