import { defineConfig } from "vitest/config";
import base from "./vitest.config.mts";

/**
 * Proof that the tenant tests exercise every line and branch of the one place tenant scoping is decided
 * (issue 7 item 6): `npm run test:scope-coverage` runs the scoping suites with coverage restricted to
 * `auth/scope.ts` and fails below 100 %.
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    // Replaces the base include (mergeConfig would append to it and run every suite).
    // The tenant suite through HTTP, the consent suite (relationship requests and acceptance), and the unit test of
    // the one check the permission matrix masks before scope.ts is asked (see scope.spec.ts), and the live events.
    include: [
      "test/api/tenant-scoping.test.ts",
      "test/api/consent.test.ts",
      "server/src/auth/__tests__/scope.spec.ts",
      // Live events: each event's audience (audiencesOf) checked against the query scope for every partner.
      "test/api/live-events.test.ts",
      // Outbound webhooks: another partner's endpoints and deliveries (visibleWebhooks).
      "test/api/webhooks.test.ts",
    ],
    coverage: {
      enabled: true,
      provider: "v8",
      include: ["server/src/auth/scope.ts"],
      reporter: ["text"],
      reportsDirectory: "coverage/scope",
      thresholds: { lines: 100, branches: 100, functions: 100, statements: 100 },
    },
  },
});
