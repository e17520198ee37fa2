import { it } from "vitest";
import { buildDemoWorld } from "../demo-world";
it("stats", () => {
  const t = performance.now();
  const w = buildDemoWorld("2026-11-24");
  const ms = performance.now() - t;
  const count = <T,>(xs: T[], f: (x: T) => string) => xs.reduce<Record<string, number>>((m, x) => ((m[f(x)] = (m[f(x)] ?? 0) + 1), m), {});
  console.log(JSON.stringify({
    ms,
    partners: w.partners.length, customers: w.customers.length, subs: w.subscriptions.length, rel: w.relationships.length,
    transfers: w.transfers.length, users: w.users?.length,
    channel: count(w.subscriptions, (s) => s.channel),
    status: count(w.subscriptions, (s) => s.status),
    model: count(w.subscriptions, (s) => s.commerceModel),
    kind: count(w.subscriptions, (s) => s.offerKind),
    addons: w.subscriptions.filter((s) => s.parent).length,
    relStatus: count(w.relationships, (r) => r.status),
    tr: w.transfers.map((t) => `${t.status} ${t.createdAt} ${t.source}->${t.target}/${t.reseller} ${t.subscriptions.length}`),
    roles: count(w.users ?? [], (u) => u.role),
    countries: count(w.customers, (c) => c.country),
    mca: count(w.customers, (c) => String(c.mcaAccepted)),
  }, null, 1));
  console.log(w.customers.slice(0, 40).map((c) => `${c.name} | ${c.domain} | ${c.country}`).join("\n"));
  console.log(w.customers.filter((c) => c.country !== "US" && c.country !== "GB").slice(0, 20).map((c) => `${c.name} | ${c.domain} | ${c.country}`).join("\n"));
  console.log((w.users ?? []).slice(0, 25).map((u) => `${u.partner} ${u.email} ${u.displayName} ${u.role}`).join("\n"));
  console.log(w.partners.map((p) => `${p.key} ${p.partnerId} ${p.tenantId}`).join("\n"));
  console.log(w.subscriptions.filter((s) => s.customer === "cust-contoso").map((s) => JSON.stringify(s)).join("\n"));
});
