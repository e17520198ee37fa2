import type { DataSource } from "typeorm";
import type { AppConfig, UpstreamKind } from "../config";
import { PartnerCenterClient, type ClientOptions, type ClientStats } from "../partner-center/client";
import { fullSync, type SyncOptions, type SyncReport } from "../partner-center/sync";
import { customersNamed, readAuditRecords } from "../partner-center/audit-records";
import { refreshCustomer, type RefreshKind, type RefreshResult } from "../partner-center/refresh";

// The upstream port (issue 8 item 1): where the partner network lives. Two adapters, chosen by UPSTREAM:
//  - sandbox (default): channelgate's database is the truth (seeded with the demo network); nothing to sync.
//  - partner-center: Partner Center's REST API v1 is the truth; `fullSync` brings the database in line with it.
// Staying current (item 5): `refresh(kind, customerId)` after a webhook or an audit record, and
// `changedCustomers(since, until)` from the audit records for the incremental sync. Later landings add the
// write-through operations, so that no service knows which adapter runs.

export interface UpstreamPort {
  readonly kind: UpstreamKind;
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
}

class SandboxUpstream implements UpstreamPort {
  readonly kind = "sandbox" as const;
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
}

class PartnerCenterUpstream implements UpstreamPort {
  readonly kind = "partner-center" as const;
  constructor(
    readonly client: PartnerCenterClient,
    /** The home partner: the tenant the credentials belong to (its partner row has this id after a sync). */
    readonly homeTenantId: string,
  ) {}
  fullSync(ds: DataSource, options?: SyncOptions): Promise<SyncReport> {
    return fullSync(ds, this.client, options);
  }
  refresh(ds: DataSource, _kind: RefreshKind, customerId: string): Promise<RefreshResult> {
    return refreshCustomer(ds, this.client, this.homeTenantId, customerId);
  }
  async changedCustomers(since: Date, until: Date): Promise<string[]> {
    return customersNamed(await readAuditRecords(this.client, since, until));
  }
  callStats(): ClientStats {
    return { ...this.client.stats };
  }
}

/** The adapter the configuration selects. */
export function createUpstream(
  config: Pick<AppConfig, "upstream" | "partnerCenter">,
  clientOptions: ClientOptions = {},
): UpstreamPort {
  if (config.upstream === "sandbox") return new SandboxUpstream();
  if (!config.partnerCenter) throw new Error("UPSTREAM=partner-center needs the PARTNER_CENTER_* settings");
  return new PartnerCenterUpstream(
    new PartnerCenterClient(config.partnerCenter, clientOptions),
    config.partnerCenter.tenantId,
  );
}
