import { describe, expect, it } from "vitest";
import { loadConfig } from "../../config";
import { identityOf, safeReturnTo } from "../oidc";

const production = { NODE_ENV: "production", AUTH_SECRET: "s".repeat(40) };

describe("OIDC settings", () => {
  it("are off without OIDC_ISSUER, and a client id alone is a mistake", () => {
    expect(loadConfig({}).oidc).toBeNull();
    expect(() => loadConfig({ OIDC_CLIENT_ID: "x" })).toThrow(/OIDC_ISSUER/);
  });

  it("need a client id; the secret is optional (public client with PKCE)", () => {
    expect(() => loadConfig({ OIDC_ISSUER: "https://login.example/t/v2.0" })).toThrow(/OIDC_CLIENT_ID/);
    expect(loadConfig({ OIDC_ISSUER: "https://login.example/t/v2.0", OIDC_CLIENT_ID: "app" }).oidc).toEqual({
      issuer: "https://login.example/t/v2.0",
      clientId: "app",
      clientSecret: null,
      allowHttp: false,
    });
  });

  it("allow a plain-http issuer only outside production", () => {
    const local = { OIDC_ISSUER: "http://127.0.0.1:4400", OIDC_CLIENT_ID: "app" };
    expect(loadConfig(local).oidc?.allowHttp).toBe(true);
    expect(() => loadConfig({ ...production, ...local, PUBLIC_URL: "https://cg.example" })).toThrow(/https/);
  });

  it("in production need an https PUBLIC_URL, and the cookie is Secure", () => {
    const entra = { OIDC_ISSUER: "https://login.microsoftonline.com/t/v2.0", OIDC_CLIENT_ID: "app" };
    expect(() => loadConfig({ ...production, ...entra })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ ...production, ...entra, PUBLIC_URL: "http://cg.example" })).toThrow(/https/);
    const config = loadConfig({ ...production, ...entra, PUBLIC_URL: "https://cg.example/app" });
    expect(config.publicOrigin).toBe("https://cg.example");
    expect(config.secureCookies).toBe(true);
    expect(loadConfig({}).secureCookies).toBe(false);
  });

  it("bound the session lifetime to 1–12 hours", () => {
    expect(loadConfig({}).sessionHours).toBe(8);
    expect(() => loadConfig({ SESSION_HOURS: "48" })).toThrow(/SESSION_HOURS/);
  });
});

describe("OIDC claims and return paths", () => {
  it("an identity needs tid and oid; the e-mail falls back to preferred_username", () => {
    expect(identityOf({ tid: "t", oid: "o", email: "A@B.example" })).toEqual({
      tenantId: "t",
      objectId: "o",
      email: "a@b.example",
    });
    expect(identityOf({ tid: "t", oid: "o", preferred_username: "u@b.example" })?.email).toBe("u@b.example");
    expect(identityOf({ tid: "t", oid: "o", preferred_username: "not-an-email" })?.email).toBeNull();
    expect(identityOf({ oid: "o", email: "a@b.example" })).toBeNull();
    expect(identityOf({ tid: "t", oid: 5 })).toBeNull();
  });

  it("only paths of this app are places to return to", () => {
    expect(safeReturnTo("/customers?page=2")).toBe("/customers?page=2");
    for (const bad of ["//evil.example", "/\\evil.example", "https://evil.example", "customers", "", 3, "/a b"]) {
      expect(safeReturnTo(bad)).toBe("/");
    }
  });
});

describe("HEAP_GROWING_PERCENT", () => {
  it("defaults to 50", () => {
    expect(loadConfig({}).heapGrowingPercent).toBe(50);
  });

  it("refuses a value that is not a whole number in range, naming the setting", () => {
    expect(() => loadConfig({ HEAP_GROWING_PERCENT: "-5" })).toThrow(
      /HEAP_GROWING_PERCENT must be a whole number 0–300/,
    );
    expect(() => loadConfig({ HEAP_GROWING_PERCENT: "1.5" })).toThrow(/HEAP_GROWING_PERCENT/);
    expect(() => loadConfig({ HEAP_GROWING_PERCENT: "lots" })).toThrow(/HEAP_GROWING_PERCENT/);
  });
});
