import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestServer, type TestServer } from "./harness";
import { pagingWorld } from "./fixtures";
import { logger } from "../../server/src/common/log";

// Structured logs: one line per operation that ties the answer (X-Request-Id) to who did what, how long it took
// and how much SQL it ran, and never carries a credential.
let t: TestServer;
let asPartner: string;
beforeAll(async () => {
  const world = pagingWorld();
  t = await startTestServer(world, { quiet: false });
  asPartner = world.partners[0]!.key;
});
afterAll(() => t.close());

describe("request log", () => {
  it("logs one line per operation with request id, actor, operation, duration and SQL count — and no token", async () => {
    const info = vi.spyOn(logger, "info").mockImplementation(() => undefined);
    try {
      const token = await t.tokenFor(asPartner);
      const res = await fetch(t.app.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "x-request-id": "tool-42.a" },
        body: JSON.stringify({
          query: "query Dashboard { viewer { partner { name } } customers(first: 3) { totalCount } }",
        }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("x-request-id")).toBe("tool-42.a");
      const lines = info.mock.calls.filter((c) => c[1] === "graphql").map((c) => c[0] as Record<string, unknown>);
      expect(lines).toHaveLength(1);
      const line = lines[0]!;
      expect(line).toMatchObject({ requestId: "tool-42.a", operation: "Dashboard", type: "query", status: 200 });
      expect((line.actor as { partnerId: string }).partnerId).toBe(t.world.partners.get(asPartner));
      expect(line.sql).toBeGreaterThan(0);
      expect(line.durationMs).toBeGreaterThan(0);
      expect(JSON.stringify(info.mock.calls)).not.toContain(token);
    } finally {
      info.mockRestore();
    }
  });

  it("replaces a request id that is not a plain token, and logs refusals with their codes", async () => {
    const info = vi.spyOn(logger, "info").mockImplementation(() => undefined);
    try {
      const res = await fetch(t.app.url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-request-id": "bad id; drop <script>" },
        body: JSON.stringify({ query: "{ customers(first: 1) { totalCount } }" }),
      });
      const id = res.headers.get("x-request-id");
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      const line = info.mock.calls.find((c) => c[1] === "graphql")?.[0] as Record<string, unknown>;
      expect(line).toMatchObject({ requestId: id, actor: null, errors: ["UNAUTHENTICATED"] });
    } finally {
      info.mockRestore();
    }
  });
});
