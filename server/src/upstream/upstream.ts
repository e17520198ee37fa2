import type { DataSource } from "typeorm";
import type { AppConfig, UpstreamKind } from "../config";
import { PartnerCenterClient, type ClientOptions, type ClientStats } from "../partner-center/client";
import { fullSync, SYNC_SOURCE, type SyncOptions, type SyncReport } from "../partner-center/sync";
import { customersNamed, readAuditRecords } from "../partner-center/audit-records";
import { refreshCustomer, type RefreshKind, type RefreshResult } from "../partner-center/refresh";
import {
  PartnerCenterWrites,
  type NextTermChange,
  type PlacedOrder,
  type RequestIds,
  type SubscriptionPatch,
  type UpstreamOrder,
  type UpstreamTransfer,
} from "./partner-center-writes";

export { UpstreamRefusal } from "./partner-center-writes";
export type { NextTermChange, PlacedOrder, RequestIds, SubscriptionPatch, UpstreamOrder, UpstreamTransfer };

// The upstream port (issue 8 item 1): where the partner network lives. Two adapters, chosen by UPSTREAM:
//  - sandbox (default): channelgate's database is the truth (seeded with the demo network); nothing to sync, and
//    every write-through is a no-op: the row the service writes is the result.
//  - partner-center: Partner Center's REST API v1 is the truth; `fullSync` brings the database in line with it, and
//    each mutation, once our rule book allowed it, calls Partner Center before writing what Partner Center answered
//    (partner-center-writes.ts). A refusal is an UpstreamRefusal (its numeric code and description).
// Staying current (item 5): `refresh(kind, customerId)` after a webhook or an audit record, and
// `changedCustomers(since, until)` from the audit records for the incremental sync.
// Services call the write operations with the request ids of the mutation (ServiceContext.upstreamRequestId), so
// that a retried mutation sends the same MS-RequestId and Partner Center never acts twice.

export interface UpstreamPort {
  readonly kind: UpstreamKind;
  /** The partner tenant whose Partner Center account the writes act as; null for the sandbox. */
  readonly connectedTenantId: string | null;
  /** Provenance of rows written from the upstream's answers (as a sync writes them); null for the sandbox. */
  readonly source: string | null;
  /** Imports the partner's network into the database; null when the adapter holds nothing to import. */
  fullSync(ds: DataSource, options?: SyncOptions): Promise<SyncReport | null>;
  /**
   * Refreshes what an event names: the customer's synced objects (the customer, its subscriptions, relationships,
   * agreement, transfers), read upstream and upserted with provenance. Null for the sandbox (nothing upstream).
   */
  refresh(ds: DataSource, kind: RefreshKind, customerId: string): Promise<RefreshResult | null>;
  /** The customers the upstream's audit records say changed between two instants; null for the sandbox. */
  changedCustomers(since: Date, until: Date): Promise<string[] | null>;
  /** Calls made upstream so far (calls, retries, throttled, token requests); null for the sandbox. */
  callStats(): ClientStats | null;
  /** Orders a new subscription (cart, then checkout); null: no upstream, the local order stands. */
  placeOrder(order: UpstreamOrder, ids: RequestIds): Promise<PlacedOrder | null>;
  /**
   * Changes a subscription: status (suspend, reactivate, cancel), quantity, auto-renew, and the change saved for the
   * next renewal (`scheduledChange`; null removes it). The lifecycle mutations call this too.
   */
  updateSubscription(
    customerId: string,
    subscriptionId: string,
    patch: SubscriptionPatch,
    ids: RequestIds,
  ): Promise<void>;
  /** Creates a new-commerce transfer request; the transfer's Partner Center id, or null without an upstream. */
  createTransfer(transfer: UpstreamTransfer, ids: RequestIds): Promise<string | null>;
  /** Accepts ("Complete") or withdraws ("Cancel") a new-commerce transfer. */
  updateTransfer(customerId: string, transferId: string, status: "Complete" | "Cancel", ids: RequestIds): Promise<void>;
  /** The link a customer follows to accept a reseller relationship; null without an upstream. */
  relationshipRequestLink(): Promise<string | null>;
}

class SandboxUpstream implements UpstreamPort {
  readonly kind = "sandbox" as const;
  readonly connectedTenantId = null;
  readonly source = null;
  fullSync(): Promise<SyncReport | null> {
    return Promise.resolve(null);
  }
  refresh(): Promise<null> {
    return Promise.resolve(null);
  }
  changedCustomers(): Promise<null> {
    return Promise.resolve(null);
  }
  callStats(): null {
    return null;
  }
  placeOrder(): Promise<PlacedOrder | null> {
    return Promise.resolve(null);
  }
  updateSubscription(): Promise<void> {
    return Promise.resolve();
  }
  createTransfer(): Promise<string | null> {
    return Promise.resolve(null);
  }
  updateTransfer(): Promise<void> {
    return Promise.resolve();
  }
  relationshipRequestLink(): Promise<string | null> {
    return Promise.resolve(null);
  }
}

class PartnerCenterUpstream implements UpstreamPort {
  readonly kind = "partner-center" as const;
  private readonly writes: PartnerCenterWrites;
  /** The home partner: the tenant the credentials belong to (its partner row has this id after a sync). */
  readonly connectedTenantId: string;
  readonly source = SYNC_SOURCE;
  constructor(readonly client: PartnerCenterClient) {
    this.writes = new PartnerCenterWrites(client);
    this.connectedTenantId = client.tenantId.toLowerCase();
  }
  fullSync(ds: DataSource, options?: SyncOptions): Promise<SyncReport> {
    return fullSync(ds, this.client, options);
  }
  refresh(ds: DataSource, _kind: RefreshKind, customerId: string): Promise<RefreshResult> {
    return refreshCustomer(ds, this.client, this.connectedTenantId, customerId);
  }
  async changedCustomers(since: Date, until: Date): Promise<string[]> {
    return customersNamed(await readAuditRecords(this.client, since, until));
  }
  callStats(): ClientStats {
    return { ...this.client.stats };
  }
  placeOrder(order: UpstreamOrder, ids: RequestIds): Promise<PlacedOrder> {
    return this.writes.placeOrder(order, ids);
  }
  updateSubscription(customerId: string, subscriptionId: string, patch: SubscriptionPatch, ids: RequestIds) {
    return this.writes.updateSubscription(customerId, subscriptionId, patch, ids);
  }
  createTransfer(transfer: UpstreamTransfer, ids: RequestIds): Promise<string> {
    return this.writes.createTransfer(transfer, ids);
  }
  updateTransfer(customerId: string, transferId: string, status: "Complete" | "Cancel", ids: RequestIds) {
    return this.writes.updateTransfer(customerId, transferId, status, ids);
  }
  relationshipRequestLink(): Promise<string> {
    return this.writes.relationshipRequestLink();
  }
}

/** The sandbox adapter (the database is the truth). */
export const SANDBOX_UPSTREAM: UpstreamPort = new SandboxUpstream();

/** The adapter the configuration selects. */
export function createUpstream(
  config: Pick<AppConfig, "upstream" | "partnerCenter">,
  clientOptions: ClientOptions = {},
): UpstreamPort {
  if (config.upstream === "sandbox") return SANDBOX_UPSTREAM;
  if (!config.partnerCenter) throw new Error("UPSTREAM=partner-center needs the PARTNER_CENTER_* settings");
  return partnerCenterUpstream(new PartnerCenterClient(config.partnerCenter, clientOptions));
}

/** The Partner Center adapter over a client (tests give one pointed at the emulator). */
export function partnerCenterUpstream(client: PartnerCenterClient): UpstreamPort {
  return new PartnerCenterUpstream(client);
}
