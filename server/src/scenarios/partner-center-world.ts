import { randomBytes } from "node:crypto";
import type { DataSource } from "typeorm";
import { runUsersCommand } from "../cli/users-command";
import { fromGlobalId, toGlobalId } from "../common/global-id";
import { PartnerType, RelationshipStatus, SalesChannel, UserRole } from "../domain/enums";
import { Customer } from "../modules/customer/customer.entity";
import { CustomerSubscription } from "../modules/subscription/customer-subscription.entity";
import { Partner } from "../modules/partner/partner.entity";
import { Transfer } from "../modules/transfer/transfer.entity";
import { PartnerCenterClient, type ClientStats } from "../partner-center/client";
import { startEmulator, type RunningEmulator } from "../partner-center/emulator/server";
import { stateFromWorld, type EmulatorState } from "../partner-center/emulator/state";
import { fullSync, type SyncReport } from "../partner-center/sync";
import { dateOf, parseInstant } from "../common/instants";
import type { LoadedWorld, World } from "./world";

// The conformance scenarios with UPSTREAM=partner-center (issue 8): a world reaches channelgate the way a real
// network does. What Partner Center holds (partners, partnerships, customers, relationships, CSP subscriptions,
// transfers) is served by the emulator and imported by the production client and sync, once per partner (each
// partner's own Partner Center account sees its own part); what only channelgate records is entered through
// channelgate's own paths: users by the users CLI (`npm run users -- add`), partner facts Partner Center serves no
// read API for (program status, own MPA, advisor-only) by the recordPartnerFacts mutation over HTTP, subscriptions
// from other channels by the registerExternalSubscription mutation over HTTP. Keys map to ids through the ids Partner Center serves
// (stableGuid of the key), checked against the synced rows.

const CLIENT_ID = "channelgate-scenarios";
/** Quick retries: the emulator runs beside the runner and injects no faults here. */
const CLIENT_OPTIONS = { concurrency: 4, backoffBaseMs: 5, backoffCapMs: 100 } as const;

export interface PartnerCenterLoad {
  world: LoadedWorld;
  /** Enters what only channelgate records, through its GraphQL API at `url`; problems as lines (none: done). */
  enterChannelgateFacts(url: string, tokenFor: (email: string) => Promise<string>): Promise<string[]>;
  /** Calls the emulator answered (token requests excluded) and the clients' counters, summed. */
  stats(): { emulatorCalls: number; client: ClientStats; syncs: number };
  close(): Promise<void>;
}

/**
 * Order in which partners' accounts are synced: those that transact (indirect providers, direct-bill partners)
 * first, so that an indirect reseller's later view, which does not say which provider bills a subscription when it
 * has several, finds the billing partner already recorded.
 */
function syncOrder(world: World): string[] {
  const transacts = (types: PartnerType[]) =>
    types.includes(PartnerType.INDIRECT_PROVIDER) || types.includes(PartnerType.DIRECT_BILL);
  return [
    ...world.partners.filter((p) => transacts(p.types)).map((p) => p.key),
    ...world.partners.filter((p) => !transacts(p.types)).map((p) => p.key),
  ];
}

const addStats = (a: ClientStats, b: ClientStats): ClientStats => ({
  calls: a.calls + b.calls,
  retries: a.retries + b.retries,
  throttled: a.throttled + b.throttled,
  tokenRequests: a.tokenRequests + b.tokenRequests,
});

/** One sync of every partner's account, in syncOrder; the reports in that order. */
async function syncAll(
  ds: DataSource,
  emulator: RunningEmulator,
  state: EmulatorState,
  secret: string,
  order: string[],
  now: Date,
  stats: { client: ClientStats; syncs: number },
): Promise<SyncReport[]> {
  const reports: SyncReport[] = [];
  for (const key of order) {
    const tenantId = state.partners.get(key)!.tenantId;
    const client = new PartnerCenterClient(
      {
        apiUrl: emulator.url,
        tokenUrl: `${emulator.url}/<tenant>/oauth2/token`,
        tenantId,
        clientId: CLIENT_ID,
        clientSecret: secret,
        refreshToken: emulator.refreshTokenFor(tenantId),
      },
      CLIENT_OPTIONS,
    );
    try {
      reports.push(await fullSync(ds, client, { now: () => now }));
    } finally {
      stats.client = addStats(stats.client, client.stats);
      stats.syncs += 1;
    }
  }
  return reports;
}

const RECORD_FACTS = `mutation RecordFacts($input: RecordPartnerFactsInput!) {
  recordPartnerFacts(input: $input) { partner { id } userErrors { field message code } }
}`;

/** Posts one GraphQL operation; the payload at `data[field]`, or the problems (errors, user errors) as text. */
async function post(
  url: string,
  token: string,
  query: string,
  field: string,
  variables: Record<string, unknown>,
): Promise<{ payload: Record<string, unknown> | null; problems: string[] }> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as {
    data?: Record<
      string,
      (Record<string, unknown> & { userErrors: { field: string | null; message: string }[] }) | null
    >;
    errors?: { message: string }[];
  };
  const payload = body.data?.[field] ?? null;
  const problems = [
    ...(body.errors?.map((e) => e.message) ?? []),
    ...(payload?.userErrors.map((e) => `${e.field}: ${e.message}`) ?? []),
  ];
  return { payload, problems };
}

const REGISTER = `mutation Register($input: RegisterExternalSubscriptionInput!) {
  registerExternalSubscription(input: $input) { subscription { id } userErrors { field message code } }
}`;

/** Loads `world` into `ds` through the Partner Center emulator and the sync (see the file comment). */
export async function loadWorldThroughPartnerCenter(
  ds: DataSource,
  world: World,
  now: Date,
): Promise<PartnerCenterLoad> {
  const asOfDate = dateOf(now.getTime());
  const state = stateFromWorld(world, asOfDate, now);
  const secret = randomBytes(18).toString("base64url");
  const emulator = await startEmulator(state, { clients: { [CLIENT_ID]: secret } });
  const counters = { client: { calls: 0, retries: 0, throttled: 0, tokenRequests: 0 }, syncs: 0 };
  try {
    const order = syncOrder(world);
    const first = await syncAll(ds, emulator, state, secret, order, now, counters);
    // A transfer is imported once both partners and its subscriptions are known: the target partner's account lists
    // it, but the subscriptions come from the source partner's account, which a first pass may reach later.
    if (first.some((r) => r.skipped.some((s) => s.startsWith("transfer ")))) {
      await syncAll(ds, emulator, state, secret, order, now, counters);
    }

    const loaded: LoadedWorld = {
      partners: new Map(),
      customers: new Map(),
      subscriptions: new Map(),
      transfers: new Map(),
      userEmails: new Map(),
    };
    // Partner Center's ids, as the sync keyed the rows: partners and customers by tenant id, the rest by their ids.
    const known = async <T extends { id: string }>(entity: new () => T, ids: string[]): Promise<Set<string>> =>
      new Set(
        ids.length === 0
          ? []
          : (
              await ds
                .getRepository(entity)
                .createQueryBuilder("x")
                .select("x.id", "id")
                .where("x.id IN (:...ids)", { ids })
                .getRawMany<{ id: string }>()
            ).map((r) => r.id),
      );
    const partnerIds = await known(
      Partner,
      [...state.partners.values()].map((p) => p.tenantId),
    );
    for (const p of state.partners.values()) if (partnerIds.has(p.tenantId)) loaded.partners.set(p.key, p.tenantId);
    const customerIds = await known(
      Customer,
      [...state.customers.values()].map((c) => c.id),
    );
    for (const c of state.customers.values()) if (customerIds.has(c.id)) loaded.customers.set(c.key, c.id);
    const subscriptionIds = await known(
      CustomerSubscription,
      state.subscriptions.map((s) => s.id),
    );
    for (const s of state.subscriptions) if (subscriptionIds.has(s.id)) loaded.subscriptions.set(s.key, s.id);
    const transferIds = await known(
      Transfer,
      state.transfers.map((t) => t.id),
    );
    for (const t of state.transfers) if (transferIds.has(t.id)) loaded.transfers.set(t.key, t.id);

    // A customer tenant that no partner has an active relationship with is in no partner's Partner Center view,
    // and channelgate has no mutation that records a customer without a relationship (createCustomer creates one
    // with an ACTIVE relationship; a relationship request by domain records nothing until accepted). The checks still
    // ask about it (e.g. ORDER without a relationship), so its tenant record alone is written here: the one fact
    // entered without an API, and only for such customers.
    const unseen = world.customers.filter((c) => !loaded.customers.has(c.key));
    for (const c of unseen) {
      const e = state.customers.get(c.key)!;
      if (world.relationships.some((r) => r.customer === c.key && r.status === RelationshipStatus.ACTIVE)) continue;
      await ds.getRepository(Customer).insert({
        id: e.id,
        name: e.name,
        domain: e.domain,
        tenantId: e.id,
        country: e.country,
        mcaAccepted: e.mcaAccepted,
        partnerTenantOfId: null,
        createdAt: now,
      });
      loaded.customers.set(c.key, e.id);
    }

    // Users: channelgate's own, created as after any sync, by the users CLI (one global admin per partner).
    for (const [index, p] of world.partners.entries()) {
      if (!loaded.partners.has(p.key)) continue;
      const email = `admin@${index}-${p.key.toLowerCase().replace(/[^a-z0-9-]/g, "-")}.partner.example`;
      const problems: string[] = [];
      const code = await runUsersCommand(
        ds,
        ["add", email, "--role", UserRole.GLOBAL_ADMIN, "--partner", p.partnerId],
        {
          out: () => undefined,
          err: (line) => problems.push(line),
        },
      );
      if (code !== 0) throw new Error(`users add for partner "${p.key}" failed: ${problems.join(" ")}`);
      loaded.userEmails.set(p.key, email);
    }

    const enterChannelgateFacts = async (
      url: string,
      tokenFor: (email: string) => Promise<string>,
    ): Promise<string[]> => {
      const problems: string[] = [];
      // Partner facts Partner Center serves no read API for (program status, the partner's own MPA, advisor-only):
      // each partner's global admin records those of its own that differ from what the sync could know.
      const synced = new Map((await ds.getRepository(Partner).find()).map((p) => [p.id, p] as const));
      for (const p of world.partners) {
        const id = loaded.partners.get(p.key);
        const row = id ? synced.get(id) : undefined;
        const email = loaded.userEmails.get(p.key);
        if (!id || !row || !email) continue;
        const advisorOnly = p.types.every((t) => t === PartnerType.ADVISOR);
        const facts = {
          ...(row.programStatus !== p.programStatus ? { programStatus: p.programStatus } : {}),
          ...(row.mpaSigned !== p.mpaSigned ? { mpaSigned: p.mpaSigned } : {}),
          ...(advisorOnly && !row.types.every((t) => t === PartnerType.ADVISOR) ? { advisorOnly: true } : {}),
        };
        if (Object.keys(facts).length === 0) continue;
        const { payload, problems: why } = await post(url, await tokenFor(email), RECORD_FACTS, "recordPartnerFacts", {
          input: { partnerId: toGlobalId("Partner", id), ...facts },
        });
        if (!payload?.partner || why.length > 0) {
          problems.push(`partner "${p.key}": facts ${JSON.stringify(facts)} were not recorded: ${why.join("; ")}`);
        }
      }
      // Subscriptions bought outside CSP: recorded by a partner with an active relationship with the customer
      // (multi-channel support), as a partner would through the API.
      for (const s of world.subscriptions.filter((x) => x.channel !== SalesChannel.CSP)) {
        const partnerKey = world.relationships.find(
          (r) => r.customer === s.customer && r.status === RelationshipStatus.ACTIVE && loaded.partners.has(r.partner),
        )?.partner;
        const customerId = loaded.customers.get(s.customer);
        const email = partnerKey ? loaded.userEmails.get(partnerKey) : undefined;
        if (!email || !customerId) {
          problems.push(`subscription "${s.key}" (${s.channel}): no partner has an active relationship to record it`);
          continue;
        }
        const { payload, problems: why } = await post(
          url,
          await tokenFor(email),
          REGISTER,
          "registerExternalSubscription",
          {
            input: {
              channel: s.channel,
              customerId: toGlobalId("Customer", customerId),
              offerName: s.offerName,
              ...(s.offerId ? { offerId: s.offerId } : {}),
              offerKind: s.offerKind,
              purchaseDate: dateOf(parseInstant(s.purchaseDate) ?? Date.parse(s.purchaseDate)),
              commitmentEndDate: s.commitmentEndDate,
              quantity: s.quantity,
              status: s.status,
            },
          },
        );
        const subscription = payload?.subscription as { id: string } | null | undefined;
        const id = subscription ? fromGlobalId(subscription.id)?.id : undefined;
        if (!id) {
          problems.push(`subscription "${s.key}" (${s.channel}) was not registered: ${why.join("; ")}`);
          continue;
        }
        loaded.subscriptions.set(s.key, id);
      }
      return problems;
    };

    return {
      world: loaded,
      enterChannelgateFacts,
      stats: () => ({ emulatorCalls: emulator.calls.length, client: counters.client, syncs: counters.syncs }),
      close: () => emulator.close(),
    };
  } catch (e) {
    await emulator.close();
    throw e;
  }
}
