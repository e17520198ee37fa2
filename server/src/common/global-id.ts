import { badInput } from "./errors";

// Opaque Relay global ids: base64url("Type:uuid"). Database ids are random UUIDs, so ids are not guessable.
export type NodeTypeName =
  | "Partner"
  | "User"
  | "ResellerPartnership"
  | "Customer"
  | "CustomerRelationship"
  | "CustomerSubscription"
  | "Transfer"
  | "ProviderRequest"
  | "ApiToken"
  | "WebhookEndpoint"
  | "WebhookDelivery";

export function toGlobalId(type: NodeTypeName, id: string): string {
  return Buffer.from(`${type}:${id}`, "utf8").toString("base64url");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Returns null for anything that is not a well-formed id of a known type. */
export function fromGlobalId(globalId: string): { type: NodeTypeName; id: string } | null {
  if (typeof globalId !== "string" || globalId.length > 200) return null;
  const decoded = Buffer.from(globalId, "base64url").toString("utf8");
  const sep = decoded.indexOf(":");
  if (sep < 0) return null;
  const type = decoded.slice(0, sep) as NodeTypeName;
  const id = decoded.slice(sep + 1);
  if (!NODE_TYPES.has(type) || !UUID.test(id)) return null;
  return { type, id: id.toLowerCase() };
}

const NODE_TYPES = new Set<NodeTypeName>([
  "Partner",
  "User",
  "ResellerPartnership",
  "Customer",
  "CustomerRelationship",
  "CustomerSubscription",
  "Transfer",
  "ProviderRequest",
  "ApiToken",
  "WebhookEndpoint",
  "WebhookDelivery",
]);

/** What `decodeId` answers for a malformed id, or an id of another type: callers treat it as "not found". */
export const INVALID_ID: unique symbol = Symbol("invalid global id");

/**
 * The database id a global id argument names, if it is an id of `type`:
 * - `null` when the argument is absent (null, undefined or ""): nothing was named;
 * - `INVALID_ID` when it is malformed or names another type: for the caller, the same as an id that names no
 *   row of that type, i.e. NOT_FOUND on the field (mutations) — it never reaches SQL;
 * - else the database id.
 */
export function decodeId(globalId: string | null | undefined, type: NodeTypeName): string | null | typeof INVALID_ID {
  if (globalId === null || globalId === undefined || globalId === "") return null;
  const decoded = fromGlobalId(globalId);
  return decoded && decoded.type === type ? decoded.id : INVALID_ID;
}

/** Decodes a query argument of the expected type, or answers BAD_USER_INPUT naming the field. */
export function requireId(globalId: string, type: NodeTypeName, field: string): string {
  const id = decodeId(globalId, type);
  if (id === null || id === INVALID_ID) throw badInput(field, `is not a ${type} id`);
  return id;
}
