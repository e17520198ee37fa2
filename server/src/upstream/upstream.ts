import type { DataSource } from "typeorm";
import type { AppConfig, UpstreamKind } from "../config";
import { PartnerCenterClient, type ClientOptions, type ClientStats } from "../partner-center/client";
import { fullSync, type SyncOptions, type SyncReport } from "../partner-center/sync";

// The upstream port (issue 8 item 1): where the partner network lives. Two adapters, chosen by UPSTREAM:
//  - sandbox (default): channelgate's database is the truth (seeded with the demo network); nothing to sync.
//  - partner-center: Partner Center's REST API v1 is the truth; `fullSync` brings the database in line with it.
// Later landings add here what the services call through the port: refreshing one object after a webhook
// (`refresh(kind, id)`), and write-through operations (orders through carts, subscription PATCH, transfers,
// relationship requests), so that no service knows which adapter runs.

export interface UpstreamPort {
  readonly kind: UpstreamKind;
  /** Imports the partner's network into the database; null when the adapter holds nothing to import. */
  fullSync(ds: DataSource, options?: SyncOptions): Promise<SyncReport | null>;
  /** Calls made upstream so far (calls, retries, throttled, token requests); null for the sandbox. */
  callStats(): ClientStats | null;
}

class SandboxUpstream implements UpstreamPort {
  readonly kind = "sandbox" as const;
  fullSync(): Promise<SyncReport | null> {
    return Promise.resolve(null);
  }
  callStats(): null {
    return null;
  }
}

class PartnerCenterUpstream implements UpstreamPort {
  readonly kind = "partner-center" as const;
  constructor(readonly client: PartnerCenterClient) {}
  fullSync(ds: DataSource, options?: SyncOptions): Promise<SyncReport> {
    return fullSync(ds, this.client, options);
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
  return new PartnerCenterUpstream(new PartnerCenterClient(config.partnerCenter, clientOptions));
}
