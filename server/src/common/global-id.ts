// Opaque Relay global ids: base64url("Type:uuid"). Database ids are random UUIDs, so ids are not guessable.
export type NodeTypeName =
  | "Partner"
  | "User"
  | "ResellerPartnership"
  | "Customer"
  | "CustomerRelationship"
  | "CustomerSubscription"
  | "Transfer"
  | "ProviderRequest";

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
]);
