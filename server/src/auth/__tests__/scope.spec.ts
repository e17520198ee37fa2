import { describe, expect, it } from "vitest";
import { RelationshipStatus } from "../../domain/enums";
import { mayReadAcceptanceLink } from "../scope";

// Through the API the permission matrix answers null for the link before scope.ts is asked
// ("CustomerRelationship.acceptanceUrl" is deniedAsNull; tenant-scoping.test.ts shows it for a helpdesk user).
// This is the second line: should that matrix row ever be loosened, a role that does not manage customers still
// gets no link.
describe("mayReadAcceptanceLink", () => {
  const now = new Date("2026-12-01T12:00:00Z");
  const live = {
    status: RelationshipStatus.REQUESTED,
    requestToken: "t".repeat(32),
    requestExpiresAt: new Date("2026-12-05T12:00:00Z"),
  };

  it("refuses a role that does not manage customers, even for a live link", () => {
    expect(mayReadAcceptanceLink(false, live, now)).toBe(false);
    expect(mayReadAcceptanceLink(true, live, now)).toBe(true);
  });

  it("refuses an expired, used, undated or no longer pending link", () => {
    expect(mayReadAcceptanceLink(true, { ...live, requestExpiresAt: now }, now)).toBe(false);
    expect(mayReadAcceptanceLink(true, { ...live, requestToken: null }, now)).toBe(false);
    expect(mayReadAcceptanceLink(true, { ...live, requestExpiresAt: null }, now)).toBe(false);
    expect(mayReadAcceptanceLink(true, { ...live, status: RelationshipStatus.ACTIVE }, now)).toBe(false);
  });
});
