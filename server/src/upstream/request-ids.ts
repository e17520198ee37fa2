import { createHash, randomUUID } from "node:crypto";
import type { RequestIds } from "./partner-center-writes";

/** A GUID derived from a name (SHA-256, version 5 layout): Partner Center types MS-RequestId as a GUID. */
function guidOf(name: string): string {
  const h = createHash("sha256").update(`channelgate-ms-request-id:${name}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The MS-RequestIds of one mutation's upstream calls. With an Idempotency-Key (http/idempotency.ts) they derive
 * from the caller's key, the mutation (its field and place in the document) and the step, so that the same request
 * sent again after a failure — the key released because the mutation failed, e.g. Partner Center's answer never
 * arrived — sends the same MS-RequestIds and Partner Center answers with what it already did. Without a key, one
 * random base per mutation: the client's own retries of a call still reuse its id.
 */
export function requestIdsFor(idempotencyScope: string | null, mutation: string): RequestIds {
  const base = idempotencyScope ?? randomUUID();
  return (step) => guidOf(`${base}|${mutation}|${step}`);
}
