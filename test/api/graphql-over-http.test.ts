import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverAudits } from "graphql-http";
import { scopingWorld } from "./fixtures";
import { startTestServer, type TestServer } from "./harness";

// GraphQL over HTTP conformance (github.com/graphql/graphql-over-http): graphql-http's server audits against the
// development-mode server, edge included (caller, limits, rate limit). A requirement (`error`) fails the test;
// a recommendation (`warn`) is logged.

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer(scopingWorld());
  expect(t.config.production).toBe(false);
});
afterAll(async () => {
  await t?.close();
});

describe("graphql-http server audits", () => {
  const audits = serverAudits({ url: () => t.app.url, fetchFn: fetch });
  for (const audit of audits) {
    it(audit.name, async () => {
      const result = await audit.fn();
      if (result.status === "warn") console.warn(`graphql-http: ${result.name}: ${result.reason}`);
      if (result.status === "error") {
        const body = await result.response.text().catch(() => "");
        expect.fail(`${result.reason} (HTTP ${result.response.status}: ${body.slice(0, 300)})`);
      }
    });
  }
});
