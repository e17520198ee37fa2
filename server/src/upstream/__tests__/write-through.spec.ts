import "reflect-metadata";
import { describe, expect, it, vi } from "vitest";
import { translator } from "../../common/user-messages";
import { UserErrorCode, UserErrorSource, UserErrorsAbort } from "../../common/user-error";
import type { PublicServiceContext } from "../../service-context";
import { UpstreamRefusal } from "../partner-center-writes";
import { requestIdsFor } from "../request-ids";
import { writeThrough } from "../write-through";

function context(actorId: string, connected: string | null): PublicServiceContext {
  return {
    viewer: { partner: { id: actorId, name: "Other Partner" } },
    upstream: { connectedTenantId: connected },
    t: translator("en"),
  } as unknown as PublicServiceContext;
}

const what = { operation: "order", field: "offerId" };

describe("writeThrough", () => {
  it("refuses a partner other than the connected one before any call", async () => {
    const call = vi.fn(() => Promise.resolve("placed"));
    const error = await writeThrough(context("aaaa", "bbbb"), what, call).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserErrorsAbort);
    expect((error as UserErrorsAbort).errors[0]).toMatchObject({
      code: UserErrorCode.NOT_ALLOWED,
      source: UserErrorSource.CHANNELGATE,
      field: ["input", "offerId"],
    });
    expect(call).not.toHaveBeenCalled();
  });

  it("calls through for the connected partner and in the sandbox", async () => {
    await expect(writeThrough(context("AAAA", "aaaa"), what, () => Promise.resolve(1))).resolves.toBe(1);
    await expect(writeThrough(context("aaaa", null), what, () => Promise.resolve(2))).resolves.toBe(2);
  });

  it("turns Partner Center's refusal into a PARTNER_CENTER user error; other failures stay errors", async () => {
    const refused = await writeThrough(context("a", "a"), what, () =>
      Promise.reject(new UpstreamRefusal(403, 2006, "Not enabled for this offer.")),
    ).catch((e: unknown) => e);
    expect((refused as UserErrorsAbort).errors).toMatchObject([
      {
        code: UserErrorCode.PARTNER_CENTER_REFUSED,
        source: UserErrorSource.PARTNER_CENTER,
        upstreamCode: 2006,
        message: "Not enabled for this offer.",
      },
    ]);
    const boom = new Error("socket hang up");
    await expect(writeThrough(context("a", "a"), what, () => Promise.reject(boom))).rejects.toBe(boom);
  });
});

describe("requestIdsFor", () => {
  it("derives the same GUIDs from the same Idempotency-Key, and others for another key, mutation or step", () => {
    const a = requestIdsFor("user:1|key-1", "orderSubscription#1");
    const b = requestIdsFor("user:1|key-1", "orderSubscription#1");
    expect(a("cart")).toBe(b("cart"));
    expect(a("cart")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a("cart")).not.toBe(a("checkout"));
    expect(a("cart")).not.toBe(requestIdsFor("user:2|key-1", "orderSubscription#1")("cart"));
    expect(a("cart")).not.toBe(requestIdsFor("user:1|key-1", "orderSubscription#2")("cart"));
    // Without a key: one random base per mutation, stable across its own calls.
    const c = requestIdsFor(null, "orderSubscription#1");
    expect(c("cart")).toBe(c("cart"));
    expect(c("cart")).not.toBe(requestIdsFor(null, "orderSubscription#1")("cart"));
  });
});
