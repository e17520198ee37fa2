import { randomUUID } from "node:crypto";
import type { EntityManager } from "typeorm";
import {
  BillingCycle,
  CommerceModel,
  OfferKind,
  PartnershipStatus,
  type ProductType,
  PartnerType,
  ProgramStatus,
  RelationshipStatus,
  SalesChannel,
  SubscriptionStatus,
  TermDuration,
  TransferStatus,
  UserRole,
} from "../domain/enums";
import { Customer } from "../modules/customer/customer.entity";
import { CustomerRelationship } from "../modules/customer/customer-relationship.entity";
import { CustomerSubscription } from "../modules/subscription/customer-subscription.entity";
import { Partner } from "../modules/partner/partner.entity";
import { ResellerPartnership } from "../modules/partner/reseller-partnership.entity";
import { Transfer, TransferLine } from "../modules/transfer/transfer.entity";
import { User } from "../modules/user/user.entity";
import { defaultProductType, oneTranche } from "../modules/subscription/new-subscription";
import { dateOf, formatInstant, parseInstant } from "../common/instants";

// A world in the format of ../shared/scenarios/README.md, plus optional extras the demo seed uses
// (users, offer ids, terms). Keys are local to a world; the loader maps them to fresh UUIDs.

export interface WorldPartner {
  key: string;
  name: string;
  partnerId: string;
  types: PartnerType[];
  country: string;
  mpaSigned: boolean;
  programStatus: ProgramStatus;
  tenantId?: string;
}
export interface WorldPartnership {
  provider: string;
  reseller: string;
  status: PartnershipStatus;
}
export interface WorldCustomer {
  key: string;
  name: string;
  domain: string;
  country: string;
  mcaAccepted: boolean;
  partnerTenantOf: string | null;
  tenantId?: string;
}
export interface WorldRelationship {
  partner: string;
  customer: string;
  status: RelationshipStatus;
  includesDelegatedAdmin: boolean;
}
export interface WorldSubscription {
  key: string;
  customer: string;
  offerName: string;
  offerKind: OfferKind;
  commerceModel: CommerceModel;
  channel: SalesChannel;
  status: SubscriptionStatus;
  transactingPartner: string | null;
  resellerOfRecord: string | null;
  purchaseDate: string;
  renewalDate: string | null;
  commitmentEndDate: string;
  quantity: number;
  isAzurePlan: boolean;
  parent: string | null;
  offerId?: string;
  termDuration?: TermDuration | null;
  billingCycle?: BillingCycle;
  autoRenew?: boolean;
  // Rule book V2 (RULES.md "v2: vocabulary"); purchaseDate, renewalDate and purchasedAt may be date-times.
  productType?: ProductType;
  tranches?: { quantity: number; purchasedAt: string }[];
  maxQuantity?: number;
  scheduledChange?: {
    quantity?: number | undefined;
    termDuration?: TermDuration | undefined;
    billingCycle?: BillingCycle | undefined;
  } | null;
  activeAzureSubscriptions?: number;
}

/** A date or a date-time as an instant (a date is 00:00:00 UTC); the world's files have been validated. */
function instantOf(text: string): number {
  const t = parseInstant(text) ?? Date.parse(text);
  if (Number.isNaN(t)) throw new Error(`not a date or date-time: "${text}"`);
  return Math.floor(t / 1000) * 1000;
}
export interface WorldTransfer {
  key: string;
  customer: string;
  source: string;
  target: string;
  reseller: string | null;
  status: TransferStatus;
  createdAt: string;
  subscriptions: string[];
}
export interface WorldUser {
  partner: string;
  email: string;
  displayName: string;
  role: UserRole;
}
export interface World {
  partners: WorldPartner[];
  partnerships: WorldPartnership[];
  customers: WorldCustomer[];
  relationships: WorldRelationship[];
  subscriptions: WorldSubscription[];
  transfers: WorldTransfer[];
  users?: WorldUser[];
}

/** Keys → database ids of a loaded world. */
export interface LoadedWorld {
  partners: Map<string, string>;
  customers: Map<string, string>;
  subscriptions: Map<string, string>;
  transfers: Map<string, string>;
  /** Partner key → email of a user of that partner (created when the world names none). */
  userEmails: Map<string, string>;
}

function lookup(map: Map<string, string>, key: string, what: string): string {
  const id = map.get(key);
  if (id === undefined) throw new Error(`unknown ${what} key "${key}"`);
  return id;
}

const CHUNK = 200;
async function insertChunked<T extends object>(em: EntityManager, entity: new () => T, rows: T[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await em
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(rows.slice(i, i + CHUNK))
      .execute();
  }
}

function make<T extends object>(cls: new () => T, props: Partial<T>): T {
  return Object.assign(new cls(), props);
}

/** Inserts a world; `now` stamps rows whose world data carries no date. Runs inside the given manager. */
export async function loadWorld(em: EntityManager, world: World, now: Date): Promise<LoadedWorld> {
  const loaded: LoadedWorld = {
    partners: new Map(),
    customers: new Map(),
    subscriptions: new Map(),
    transfers: new Map(),
    userEmails: new Map(),
  };
  const partners = world.partners.map((p) => {
    const id = randomUUID();
    loaded.partners.set(p.key, id);
    return make(Partner, {
      id,
      name: p.name,
      partnerId: p.partnerId,
      tenantId: p.tenantId ?? randomUUID(),
      types: p.types,
      country: p.country,
      mpaSigned: p.mpaSigned,
      programStatus: p.programStatus,
      createdAt: now,
    });
  });
  await insertChunked(em, Partner, partners);

  const users: User[] = [];
  for (const u of world.users ?? []) {
    users.push(
      make(User, {
        id: randomUUID(),
        partnerId: lookup(loaded.partners, u.partner, "partner"),
        email: u.email.toLowerCase(),
        displayName: u.displayName,
        role: u.role,
      }),
    );
    if (!loaded.userEmails.has(u.partner)) loaded.userEmails.set(u.partner, u.email.toLowerCase());
  }
  for (const [index, p] of world.partners.entries()) {
    if (loaded.userEmails.has(p.key)) continue;
    // The index keeps emails unique even when keys differ only in case or punctuation.
    const email = `admin@${index}-${p.key.toLowerCase().replace(/[^a-z0-9-]/g, "-")}.partner.example`;
    users.push(
      make(User, {
        id: randomUUID(),
        partnerId: lookup(loaded.partners, p.key, "partner"),
        email,
        displayName: `${p.name} admin`,
        role: UserRole.GLOBAL_ADMIN,
      }),
    );
    loaded.userEmails.set(p.key, email);
  }
  await insertChunked(em, User, users);

  await insertChunked(
    em,
    ResellerPartnership,
    world.partnerships.map((rp) =>
      make(ResellerPartnership, {
        id: randomUUID(),
        providerId: lookup(loaded.partners, rp.provider, "partner"),
        resellerId: lookup(loaded.partners, rp.reseller, "partner"),
        status: rp.status,
        invitedAt: now,
        acceptedAt: rp.status === PartnershipStatus.INVITED ? null : now,
        removedAt: rp.status === PartnershipStatus.REMOVED ? now : null,
        version: 1,
      }),
    ),
  );

  await insertChunked(
    em,
    Customer,
    world.customers.map((c) => {
      const id = randomUUID();
      loaded.customers.set(c.key, id);
      return make(Customer, {
        id,
        name: c.name,
        domain: c.domain.toLowerCase(),
        tenantId: c.tenantId ?? randomUUID(),
        country: c.country,
        mcaAccepted: c.mcaAccepted,
        partnerTenantOfId: c.partnerTenantOf === null ? null : lookup(loaded.partners, c.partnerTenantOf, "partner"),
        createdAt: now,
      });
    }),
  );

  await insertChunked(
    em,
    CustomerRelationship,
    world.relationships.map((r) =>
      make(CustomerRelationship, {
        id: randomUUID(),
        partnerId: lookup(loaded.partners, r.partner, "partner"),
        customerId: lookup(loaded.customers, r.customer, "customer"),
        status: r.status,
        includesDelegatedAdmin: r.includesDelegatedAdmin,
        requestedAt: now,
        acceptedAt: r.status === RelationshipStatus.REQUESTED ? null : now,
        acceptedBy: null,
        removedAt: r.status === RelationshipStatus.REMOVED ? now : null,
        requestToken: null,
        requestExpiresAt: null,
        version: 1,
      }),
    ),
  );

  for (const s of world.subscriptions) loaded.subscriptions.set(s.key, randomUUID());
  await insertChunked(
    em,
    CustomerSubscription,
    world.subscriptions.map((s) => {
      const purchasedAt = instantOf(s.purchaseDate);
      const renewedAt = s.renewalDate === null ? null : instantOf(s.renewalDate);
      return make(CustomerSubscription, {
        id: lookup(loaded.subscriptions, s.key, "subscription"),
        customerId: lookup(loaded.customers, s.customer, "customer"),
        offerName: s.offerName,
        offerId: s.offerId ?? s.offerName.toUpperCase().replace(/[^A-Z0-9]+/g, "-"),
        offerKind: s.offerKind,
        commerceModel: s.commerceModel,
        channel: s.channel,
        status: s.status,
        transactingPartnerId:
          s.transactingPartner === null ? null : lookup(loaded.partners, s.transactingPartner, "partner"),
        resellerOfRecordId: s.resellerOfRecord === null ? null : lookup(loaded.partners, s.resellerOfRecord, "partner"),
        registeredById: null,
        purchaseDate: dateOf(purchasedAt),
        renewalDate: renewedAt === null ? null : dateOf(renewedAt),
        commitmentEndDate: s.commitmentEndDate,
        termDuration: s.termDuration ?? (s.offerKind === OfferKind.USAGE_BASED ? null : TermDuration.P1Y),
        billingCycle:
          s.billingCycle ?? (s.offerKind === OfferKind.USAGE_BASED ? BillingCycle.MONTHLY : BillingCycle.ANNUAL),
        quantity: s.quantity,
        autoRenew: s.autoRenew ?? true,
        parentId: s.parent === null ? null : lookup(loaded.subscriptions, s.parent, "subscription"),
        isAzurePlan: s.isAzurePlan,
        productType: s.productType ?? defaultProductType(s.offerKind, s.isAzurePlan),
        purchasedAt: new Date(purchasedAt),
        renewedAt: renewedAt === null ? null : new Date(renewedAt),
        tranches:
          s.tranches?.map((t) => ({ quantity: t.quantity, purchasedAt: formatInstant(instantOf(t.purchasedAt)) })) ??
          oneTranche(s.quantity, renewedAt ?? purchasedAt),
        maxQuantity: s.maxQuantity ?? null,
        scheduledChange: s.scheduledChange ?? null,
        activeAzureSubscriptions: s.activeAzureSubscriptions ?? 0,
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
    }),
  );

  const lines: TransferLine[] = [];
  await insertChunked(
    em,
    Transfer,
    world.transfers.map((t) => {
      const id = randomUUID();
      loaded.transfers.set(t.key, id);
      for (const sub of t.subscriptions) {
        lines.push(
          make(TransferLine, {
            id: randomUUID(),
            transferId: id,
            subscriptionId: lookup(loaded.subscriptions, sub, "subscription"),
          }),
        );
      }
      return make(Transfer, {
        id,
        customerId: lookup(loaded.customers, t.customer, "customer"),
        sourcePartnerId: lookup(loaded.partners, t.source, "partner"),
        targetPartnerId: lookup(loaded.partners, t.target, "partner"),
        resellerId:
          t.reseller === null || t.reseller === undefined ? null : lookup(loaded.partners, t.reseller, "partner"),
        status: t.status,
        // A date is 00:00:00 UTC (RULES.md "v2: time"); v1 reads only the date.
        createdAt: new Date(instantOf(t.createdAt)),
        respondedAt: null,
        createdByUserId: null,
        version: 1,
      });
    }),
  );
  await insertChunked(em, TransferLine, lines);
  return loaded;
}
