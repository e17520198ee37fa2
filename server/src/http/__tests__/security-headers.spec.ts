import type { Request, Response } from "express";
import helmet from "helmet";
import { describe, expect, it } from "vitest";
import { recordHeaders, securityHeaders } from "../security-headers";

// The headers are recorded from helmet once and replayed per answer (issue 10): the answer must carry exactly what
// helmet itself sets, in production (with HSTS and upgrade-insecure-requests) and in development.
function answer(production: boolean, method = "POST") {
  const headers = new Map<string, string>();
  const removed: string[] = [];
  const res = {
    setHeader: (name: string, value: string) => headers.set(name.toLowerCase(), value),
    removeHeader: (name: string) => removed.push(name),
  } as unknown as Response;
  let nexted = 0;
  securityHeaders({ production })({ method, path: "/graphql" } as Request, res, () => nexted++);
  expect(nexted).toBe(1);
  return { headers, removed };
}

describe("security headers", () => {
  it("sets what helmet sets, every answer", () => {
    for (const production of [true, false]) {
      const first = answer(production);
      expect(answer(production)).toEqual(first);
      expect(first.removed).toEqual(["X-Powered-By"]);
      expect(first.headers.get("x-content-type-options")).toBe("nosniff");
      expect(first.headers.get("content-security-policy")).toMatch(/^default-src 'self';script-src 'self';/);
      expect(first.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(first.headers.has("strict-transport-security")).toBe(production);
      expect(first.headers.get("content-security-policy")?.includes("upgrade-insecure-requests")).toBe(production);
      // Helmet's own defaults otherwise (without CSP and COEP, which are configured here).
      const plain = recordHeaders(helmet({ contentSecurityPolicy: false, strictTransportSecurity: production }));
      for (const [name, value] of plain.set) {
        if (name === "Cross-Origin-Embedder-Policy") continue;
        expect(first.headers.get(name.toLowerCase()), name).toBe(value);
      }
      expect(first.headers.has("cross-origin-embedder-policy")).toBe(false);
    }
  });

  it("refuses to record a middleware that does not finish at once", () => {
    expect(() => recordHeaders(() => undefined)).toThrow(/synchronously/);
  });
});
