import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { scenariosCommand } from "../../server/src/scenarios/command";
import { runScenarioFiles, type ProvisionDatabase } from "../../server/src/scenarios/runner";
import { provisionTestDatabase } from "./harness";

// With TEST_DATABASE_URL set, each world loads into its own PostgreSQL database instead of in-memory SQLite.
const provision: ProvisionDatabase | undefined = process.env.TEST_DATABASE_URL
  ? async () => (await provisionTestDatabase())!
  : undefined;

// The conformance scenarios through the real server (HTTP, GraphQL, in-memory SQLite per file), by the code
// behind `npm run scenarios` (which `npm test` therefore does not run again).
// Paths are resolved from this file so the test does not depend on the directory vitest was started in.
const scenarios = resolve(__dirname, "../scenarios");

describe("conformance scenarios", () => {
  const tmp = mkdtempSync(join(tmpdir(), "scenarios-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("passes every check in test/scenarios", async () => {
    const lines: string[] = [];
    const code = await scenariosCommand([scenarios], (l) => lines.push(l), provision);
    // Nothing but the summary line: no failing check, no malformed file.
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d+ passed, 0 failed$/);
    expect(Number(lines[0]?.split(" ")[0])).toBeGreaterThan(0);
    expect(code).toBe(0);
  }, 120_000);

  it("counts a malformed file without throwing, and the command exits non-zero", async () => {
    const bad = join(tmp, "bad.json");
    const doc = JSON.parse(readFileSync(join(scenarios, "11-transfer-state-guards.json"), "utf8"));
    doc.checks[1].action = "ORDR";
    writeFileSync(bad, JSON.stringify(doc));
    const lines: string[] = [];
    const code = await scenariosCommand([bad, join(tmp, "absent.json")], (l) => lines.push(l));
    expect(code).toBe(1);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/bad\.json: checks\[1\]\.action: expected one of SUPPORT, .*got "ORDR"$/);
    expect(lines[1]).toMatch(/absent\.json: no such file or folder$/);
    expect(lines.slice(2)).toEqual(["2 malformed file(s)", "0 passed, 0 failed"]);
  });

  it("reports a check whose expectation the server does not meet", async () => {
    const wrong = join(tmp, "wrong.json");
    const doc = JSON.parse(readFileSync(join(scenarios, "11-transfer-state-guards.json"), "utf8"));
    doc.checks = [doc.checks[0], { ...doc.checks[0], eligible: true, blocking: [] }];
    writeFileSync(wrong, JSON.stringify(doc));
    const lines: string[] = [];
    const summary = await runScenarioFiles([wrong], (l) => lines.push(l));
    expect(summary).toEqual({ passed: 1, failed: 1, malformed: 0 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(
      "wrong.json checks[1] TRANSFER by direct on subscription suspended: expected eligible=true",
    );
    expect(lines[0]).toContain("unexpected SUBSCRIPTION_NOT_ACTIVE");
  }, 60_000);
});
