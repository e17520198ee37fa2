import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { scenariosCommand } from "../../server/src/scenarios/command";
import { runScenarioFiles, type ProvisionDatabase } from "../../server/src/scenarios/runner";
import { provisionTestDatabase } from "./harness";

// Issue 8: conformance scenarios with UPSTREAM=partner-center. Each world's Partner Center part is served by the
// emulator and synced per partner; users come from the users CLI and other channels' subscriptions from
// registerExternalSubscription; the checks are asked through the API as in sandbox mode. A few representative files
// (the whole corpora run in CI): another channel's subscription (01), a partner's own tenant as a customer (03),
// a pending transfer (11), seat tranches from Partner Center's refundable quantities (v2-01).
const provision: ProvisionDatabase | undefined = process.env.TEST_DATABASE_URL
  ? async () => (await provisionTestDatabase())!
  : undefined;
const scenarios = resolve(__dirname, "../scenarios");
const FILES = [
  "01-support-license-from-ea.json",
  "03-csp-partner-cannot-resell-to-csp-partner.json",
  "11-transfer-state-guards.json",
  "v2/v2-01-seat-reductions-per-tranche.json",
].map((f) => join(scenarios, f));

describe("conformance scenarios through the Partner Center emulator and the sync", () => {
  const tmp = mkdtempSync(join(tmpdir(), "scenarios-pc-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("passes every check of representative files, the world synced from the emulator", async () => {
    const lines: string[] = [];
    const code = await scenariosCommand(["--upstream", "partner-center", ...FILES], (l) => lines.push(l), provision);
    expect(lines).toHaveLength(2);
    const [, syncs, calls] = /^partner-center: (\d+) syncs, (\d+) emulator calls, \d+ retries$/.exec(lines[0] ?? "")!;
    // Every partner's account is synced at least once per file, and the data came over HTTP.
    expect(Number(syncs)).toBeGreaterThanOrEqual(FILES.length * 3);
    expect(Number(calls)).toBeGreaterThan(Number(syncs) * 3);
    expect(lines[1]).toMatch(/^\d+ passed, 0 failed$/);
    expect(Number(lines[1]?.split(" ")[0])).toBeGreaterThanOrEqual(10);
    expect(code).toBe(0);
  }, 180_000);

  it("UPSTREAM in the environment chooses the mode; an unknown one is refused", async () => {
    const lines: string[] = [];
    expect(await scenariosCommand([FILES[0]!], (l) => lines.push(l), provision, { UPSTREAM: "partner-center" })).toBe(
      0,
    );
    expect(lines[0]).toMatch(/^partner-center: /);
    const bad: string[] = [];
    expect(await scenariosCommand(["--upstream", "nowhere", FILES[0]!], (l) => bad.push(l))).toBe(2);
    expect(bad).toEqual(['upstream must be sandbox or partner-center, got "nowhere"']);
  }, 120_000);

  it("brings in the Partner Center facts the rules read: reseller MPA, Azure entitlements, scheduled changes", async () => {
    // Each fact reaches channelgate only through its documented call (agreementstatus, azureEntitlements,
    // scheduledNextTermInstructions): without it, the check would answer eligible.
    const compliance = JSON.parse(readFileSync(join(scenarios, "05-reseller-compliance.json"), "utf8"));
    // An active reseller that has not signed the MPA (program status is not served by Partner Center).
    compliance.partners = compliance.partners.map((p: { key: string }) =>
      p.key === "res-lapsed" ? { ...p, programStatus: "ACTIVE" } : p,
    );
    compliance.checks = [{ ...compliance.checks[1], blocking: ["RESELLER_MPA_NOT_SIGNED"] }];
    const plans = JSON.parse(readFileSync(join(scenarios, "v2/v2-03-cancellation-window-by-product.json"), "utf8"));
    plans.checks = plans.checks.slice(5, 7);
    const files = [
      [join(tmp, "mpa.json"), compliance],
      [join(tmp, "plans.json"), plans],
    ] as const;
    for (const [file, doc] of files) writeFileSync(file, JSON.stringify(doc));
    const lines: string[] = [];
    const code = await scenariosCommand(
      [
        "--upstream",
        "partner-center",
        ...files.map(([f]) => f),
        join(scenarios, "v2/v2-06-mid-term-changes-delete-scheduled-changes.json"),
      ],
      (l) => lines.push(l),
      provision,
    );
    expect(lines.slice(1)).toEqual(["7 passed, 0 failed"]);
    expect(code).toBe(0);
  }, 180_000);

  it("enters the partner facts only channelgate records through recordPartnerFacts, and reads an offer's maximum from the catalog", async () => {
    // Program status (v2-09), a partner's own MPA and advisor-only standing (v2-07 checks 0-2): each partner's global
    // admin records them over HTTP; the maximum seats (v2-02) come from the catalog SKU (get-a-sku-by-id).
    const prerequisites = JSON.parse(readFileSync(join(scenarios, "v2/v2-07-transfer-prerequisites.json"), "utf8"));
    prerequisites.checks = prerequisites.checks.slice(0, 3);
    const file = join(tmp, "prerequisites.json");
    writeFileSync(file, JSON.stringify(prerequisites));
    const lines: string[] = [];
    const code = await scenariosCommand(
      [
        "--upstream",
        "partner-center",
        file,
        join(scenarios, "v2/v2-09-suspended-and-deauthorized-partners.json"),
        join(scenarios, "v2/v2-02-quantity-limits-and-legacy-commerce.json"),
      ],
      (l) => lines.push(l),
      provision,
    );
    expect(lines.slice(1)).toEqual([expect.stringMatching(/^\d+ passed, 0 failed$/)]);
    expect(code).toBe(0);
  }, 180_000);

  it("reads each product's cancellation window from what Partner Center serves: software, SaaS, perpetual software", async () => {
    // v2-03: a software subscription (productType "Software"), a marketplace SaaS (isMicrosoftProduct false) and a
    // perpetual purchase (a software entitlement without expiry date and its order's creationDate), all 7 checks.
    const lines: string[] = [];
    const code = await scenariosCommand(
      ["--upstream", "partner-center", join(scenarios, "v2/v2-03-cancellation-window-by-product.json")],
      (l) => lines.push(l),
      provision,
    );
    expect(lines.slice(1)).toEqual(["7 passed, 0 failed"]);
    expect(code).toBe(0);
  }, 180_000);

  it("a check the synced world does not meet fails, as in sandbox mode", async () => {
    // The EA subscription exists only once registered through the API: the check that it cannot be transferred by
    // "direct" (no relationship) is flipped, so it must fail.
    const wrong = join(tmp, "wrong.json");
    const doc = JSON.parse(readFileSync(FILES[0]!, "utf8"));
    doc.checks = [doc.checks[2], { ...doc.checks[2], eligible: true, blocking: [] }];
    writeFileSync(wrong, JSON.stringify(doc));
    const lines: string[] = [];
    const summary = await runScenarioFiles([wrong], (l) => lines.push(l), {
      upstream: "partner-center",
      ...(provision ? { provision } : {}),
    });
    expect(summary).toMatchObject({ passed: 1, failed: 1, malformed: 0 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("wrong.json checks[1] TRANSFER by direct on subscription ea-e3: expected eligible=true");
  }, 120_000);
});
