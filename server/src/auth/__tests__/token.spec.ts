import { afterEach, describe, expect, it, vi } from "vitest";
import { signToken, verifyToken } from "../token";

// verifyToken keeps tokens it has verified (token.ts): a kept token must answer exactly as a fresh check would.
describe("verifyToken's memory of verified tokens", () => {
  const secret = "s".repeat(40);

  afterEach(() => {
    vi.useRealTimers();
  });

  it("answers a verified token again, and refuses it under another secret", async () => {
    const token = await signToken(secret, "Admin@Example.com");
    expect(await verifyToken(secret, token)).toBe("admin@example.com");
    expect(await verifyToken(secret, token)).toBe("admin@example.com");
    expect(await verifyToken("o".repeat(40), token)).toBeNull();
    // And the refusal under the other secret did not make the first one forget a valid token wrongly.
    expect(await verifyToken(secret, token)).toBe("admin@example.com");
  });

  it("refuses a kept token once it has expired", async () => {
    vi.useFakeTimers({ now: new Date("2026-12-01T12:00:00Z"), toFake: ["Date"] });
    const token = await signToken(secret, "a@example.com", 60);
    expect(await verifyToken(secret, token)).toBe("a@example.com");
    vi.setSystemTime(new Date("2026-12-01T12:00:59Z"));
    expect(await verifyToken(secret, token)).toBe("a@example.com");
    vi.setSystemTime(new Date("2026-12-01T12:01:00Z"));
    expect(await verifyToken(secret, token)).toBeNull();
  });

  it("does not take a tampered token for the one it kept", async () => {
    const token = await signToken(secret, "b@example.com");
    expect(await verifyToken(secret, token)).toBe("b@example.com");
    const [header, payload, signature] = token.split(".");
    const forged = JSON.parse(Buffer.from(payload!, "base64url").toString("utf8")) as Record<string, unknown>;
    forged.sub = "someone-else@example.com";
    const tampered = `${header}.${Buffer.from(JSON.stringify(forged)).toString("base64url")}.${signature}`;
    expect(await verifyToken(secret, tampered)).toBeNull();
    expect(await verifyToken(secret, `${token}x`)).toBeNull();
  });
});
