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

describe("request log without SQL counting (COUNT_SQL off, the default)", () => {
  let quiet: TestServer;
  beforeAll(async () => {
    quiet = await startTestServer(pagingWorld(), { quiet: false, config: { countSql: false } });
  });
  afterAll(() => quiet.close());

  it("still logs the request id and actor, with no SQL count and no x-sql-count header", async () => {
    const info = vi.spyOn(logger, "info").mockImplementation(() => undefined);
    try {
      const token = await quiet.tokenFor(asPartner);
      const res = await fetch(quiet.app.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "x-request-id": "tool-43" },
        body: JSON.stringify({ query: "query Count { customers(first: 3) { totalCount } }" }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("x-sql-count")).toBeNull();
      const line = info.mock.calls.find((c) => c[1] === "graphql")?.[0] as Record<string, unknown>;
      expect(line).toMatchObject({ requestId: "tool-43", operation: "Count", status: 200 });
      expect((line.actor as { partnerId: string }).partnerId).toBe(quiet.world.partners.get(asPartner));
      expect(line).not.toHaveProperty("sql");
    } finally {
      info.mockRestore();
    }
  });

  it("two requests in flight at once keep their own ids and caller budgets", async () => {
    const info = vi.spyOn(logger, "info").mockImplementation(() => undefined);
    try {
      const token = await quiet.tokenFor(asPartner);
      const ask = (requestId: string, auth: boolean) =>
        fetch(quiet.app.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-request-id": requestId,
            ...(auth ? { authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify({ query: "{ customers(first: 2) { totalCount } }" }),
        }).then(async (r) => ({ requestId, body: (await r.json()) as { extensions?: { cost?: unknown } } }));
      const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => ask(`par-${i}`, i % 2 === 0)));
      const lines = info.mock.calls.filter((c) => c[1] === "graphql").map((c) => c[0] as Record<string, unknown>);
      for (const { requestId } of answers) {
        const line = lines.find((l) => l.requestId === requestId);
        const signedIn = Number(requestId.slice(4)) % 2 === 0;
        expect(line?.actor === null).toBe(!signedIn);
      }
      // Signed-in callers are charged to the user's bucket, anonymous ones to the address's (a tenth of it).
      const max = (a: { body: { extensions?: { cost?: unknown } } }) =>
        (a.body.extensions?.cost as { throttleStatus?: { maximumAvailable: number } } | undefined)?.throttleStatus
          ?.maximumAvailable;
      const budgets = new Set(answers.filter((_, i) => i % 2 === 0).map(max));
      const anonymousBudgets = new Set(answers.filter((_, i) => i % 2 === 1).map(max));
      expect(budgets.size).toBe(1);
      expect(anonymousBudgets.size).toBe(1);
      expect([...budgets][0]).toBeGreaterThan([...anonymousBudgets][0] ?? Infinity);
    } finally {
      info.mockRestore();
    }
  });
});
