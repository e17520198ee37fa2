import { describe, expect, it } from "vitest";
import type { AuditChangeRow } from "../../audit/audit-event.entity";
import { EVENT_MAPPING, eventsOf } from "../event-mapping";
import { LiveEventType } from "../live-event-type";

const ID = "00000000-0000-4000-8000-000000000001";
const created = (type: string, status: string): AuditChangeRow => ({
  type,
  id: ID,
  fields: { id: { before: null, after: ID }, status: { before: null, after: status } },
});
const moved = (type: string, from: string, to: string): AuditChangeRow => ({
  type,
  id: ID,
  fields: { status: { before: from, after: to }, version: { before: 1, after: 2 } },
});
const types = (op: string, changes: AuditChangeRow[]) => eventsOf(op, changes).map((e) => e.type);

describe("event mapping (audit changes → domain events)", () => {
  it.each([
    ["createTransfer", created("Transfer", "PENDING"), LiveEventType.TRANSFER_CREATED],
    ["acceptTransfer", moved("Transfer", "PENDING", "ACCEPTED"), LiveEventType.TRANSFER_ACCEPTED],
    ["acceptTransfer", moved("Transfer", "PENDING", "COMPLETED"), LiveEventType.TRANSFER_ACCEPTED],
    ["rejectTransfer", moved("Transfer", "PENDING", "REJECTED"), LiveEventType.TRANSFER_REJECTED],
    ["withdrawTransfer", moved("Transfer", "PENDING", "WITHDRAWN"), LiveEventType.TRANSFER_WITHDRAWN],
    ["acceptTransfer", moved("Transfer", "PENDING", "EXPIRED"), LiveEventType.TRANSFER_EXPIRED],
    [
      "acceptCustomerRelationship",
      moved("CustomerRelationship", "REQUESTED", "ACTIVE"),
      LiveEventType.RELATIONSHIP_ACCEPTED,
    ],
    ["orderSubscription", created("CustomerSubscription", "ACTIVE"), LiveEventType.SUBSCRIPTION_CHANGED],
    ["suspendSubscription", moved("CustomerSubscription", "ACTIVE", "SUSPENDED"), LiveEventType.SUBSCRIPTION_CHANGED],
    ["requestProviderAction", created("ProviderRequest", "OPEN"), LiveEventType.PROVIDER_REQUEST_OPENED],
    ["resolveProviderRequest", moved("ProviderRequest", "OPEN", "FULFILLED"), LiveEventType.PROVIDER_REQUEST_RESOLVED],
    ["resolveProviderRequest", moved("ProviderRequest", "OPEN", "DECLINED"), LiveEventType.PROVIDER_REQUEST_RESOLVED],
    ["withdrawProviderRequest", moved("ProviderRequest", "OPEN", "WITHDRAWN"), LiveEventType.PROVIDER_REQUEST_RESOLVED],
  ])("%s: %o → %s", (operation, change, type) => {
    expect(types(operation, [change])).toEqual([type]);
  });

  it("maps changes that are no domain event to nothing", () => {
    expect(types("createCustomer", [created("Customer", "ACTIVE")])).toEqual([]);
    // A relationship created ACTIVE with a new customer was not accepted by anyone.
    expect(types("createCustomer", [created("CustomerRelationship", "ACTIVE")])).toEqual([]);
    expect(types("removeCustomerRelationship", [moved("CustomerRelationship", "ACTIVE", "REMOVED")])).toEqual([]);
    expect(types("inviteReseller", [created("ResellerPartnership", "INVITED")])).toEqual([]);
    // A request opened is not also resolved.
    expect(types("requestProviderAction", [created("ProviderRequest", "FULFILLED")])).toEqual([
      LiveEventType.PROVIDER_REQUEST_OPENED,
    ]);
  });

  it("keeps change order, one event per subject and type, and a dedupe key only for expiries", () => {
    const sub2 = { ...moved("CustomerSubscription", "ACTIVE", "ACTIVE"), id: "s2" };
    const events = eventsOf("acceptTransfer", [
      moved("Transfer", "PENDING", "ACCEPTED"),
      sub2,
      sub2,
      { ...moved("Transfer", "PENDING", "EXPIRED"), id: "t2" },
    ]);
    expect(events).toEqual([
      { type: LiveEventType.TRANSFER_ACCEPTED, subjectType: "Transfer", subjectId: ID, dedupeKey: null },
      {
        type: LiveEventType.SUBSCRIPTION_CHANGED,
        subjectType: "CustomerSubscription",
        subjectId: "s2",
        dedupeKey: null,
      },
      {
        type: LiveEventType.TRANSFER_EXPIRED,
        subjectType: "Transfer",
        subjectId: "t2",
        dedupeKey: "TRANSFER_EXPIRED:t2",
      },
    ]);
  });

  it("has a rule for every change-driven event type (timed ones come from the scheduler)", () => {
    const timed = [
      LiveEventType.CANCELLATION_WINDOW_CLOSING,
      LiveEventType.TRANSFER_EXPIRING,
      LiveEventType.TERM_ENDING,
    ];
    const mapped = new Set(EVENT_MAPPING.map((r) => r.type));
    for (const type of Object.values(LiveEventType)) expect(mapped.has(type) || timed.includes(type)).toBe(true);
  });
});
