import {
  BillingCycle,
  CommerceModel,
  OfferKind,
  PartnershipStatus,
  PartnerType,
  ProgramStatus,
  RelationshipStatus,
  SalesChannel,
  SubscriptionStatus,
  TermDuration,
  TransferStatus,
  UserRole,
} from "../domain/enums";
import { addDays, addMonths, daysBetween, isIsoDate, termEndDate } from "../common/dates";
import { TERM_MONTHS } from "../domain/policy";
import { addLifecycleStates } from "./demo-lifecycle";
import type {
  World,
  WorldCustomer,
  WorldPartner,
  WorldPartnership,
  WorldRelationship,
  WorldSubscription,
  WorldTransfer,
  WorldUser,
} from "../scenarios/world";

// The demo network: three distributors with 30 resellers, four direct-bill partners, ~350 customers and
// ~3,500 subscriptions from every sales channel, transfers in every state and users in every role.
//
// Deterministic: one fixed PRNG seed, so the shape of the world never changes; every date is relative to asOf,
// so "bought 3 days ago" or "term ends in 3 weeks" stays true whatever day the demo is seeded.
//
// Live examples of every rule of RULES.md (partner keys in brackets):
//  R1   RESELLER_RELATIONSHIP_REQUIRED ........ Fourth Coffee [fourthcoffee] on any US customer; REQUESTED and
//                                               REMOVED relationships (pending invitations, former partners)
//  R3   MCA_NOT_ACCEPTED ...................... Tailspin Toys (Wingtip Toys IT's customer) and ~5% of customers
//  R4   CUSTOMER_REGION_MISMATCH .............. Canadian/Irish/Spanish customers of US/GB/PT partners; Carioca
//                                               Cloud's Brazilian customers for its Portuguese provider
//  R6   RELATIONSHIP_HAS_ACTIVE_SUBSCRIPTIONS . Trey Research removing its relationship with Contoso
//  R6a  INDIRECT_RESELLER_CANNOT_REMOVE_... ... Wingtip Toys IT removing any relationship
//  R7/R7a NON_CSP_CHANNEL_REQUIRES_REPROVISION  Contoso's EA subscriptions; every non-CSP subscription
//  R8   AZURE_COEXISTS_WITH_OTHER_CHANNEL ..... ordering Azure for Contoso (it holds EA Azure)
//  R9   CSP_TENANT_CANNOT_BUY_FROM_CSP ........ "Wingtip Toys IT" and "First Up Consultants" customer tenants
//  R11  LICENSE_..._LOCKED_UNTIL_TERM_END ..... any new-commerce license transfer under LEGACY_2023
//  R11b LEGACY_LICENSE_NOT_TRANSFERABLE ....... Contoso's legacy Office 365 E3
//  R12  TRANSFER_TARGET_HAS_NO_RELATIONSHIP ... Fourth Coffee taking over any US subscription
//  R13  TRANSFER_SOURCE_EQUALS_TARGET ......... Trey Research "taking over" its own subscriptions
//  R14  TARGET_AZURE_PLAN_MISSING ............. First Up Consultants taking over Contoso's Azure plan
//  R15/R15c SUBSCRIPTION_NOT_ACTIVE ........... Contoso's suspended Power BI Pro (transfer), deleted Project
//                                               Plan 3 (cancel)
//  R16  SUBSCRIPTION_IN_OTHER_TRANSFER ........ lines of the pending transfers (not of the two pending ones
//                                               older than 30 days: they expired by time)
//  R17  ADDON_REQUIRES_BASE_SUBSCRIPTION ...... Contoso's Teams Audio Conferencing add-on
//  R19  RESELLER_ID_REQUIRED .................. Trey Research transferring without naming a reseller
//  R22  INDIRECT_RESELLER_MUST_USE_PROVIDER ... Wingtip Toys IT ordering, transferring or cancelling
//  R23  PROVIDER_RESELLER_PARTNERSHIP_REQUIRED  Relecloud naming Severn Tech (REMOVED) or Brightwater (INVITED)
//  R24  RESELLER_MPA_NOT_SIGNED ............... Empire State Cloud, Cotswold Computing, Minho Tecnologia
//  R25  RESELLER_REGION_MISMATCH .............. Ibérica Cloud (PT) naming Carioca Cloud (BR)
//  R26  RESELLER_NOT_ACTIVE ................... Trey Research naming Desert Sky Networks (SUSPENDED)
//  R27  RESELLER_CANNOT_BE_PROVIDER_CUSTOMER .. Trey Research ordering for Wingtip's own tenant, naming Wingtip
//  R30  CANCELLATION_WINDOW_CLOSED ............ any new-commerce subscription bought or renewed > 7 days ago
//  R31  SUBSCRIPTION_NOT_REACTIVATABLE ........ Contoso's Visio Plan 2, suspended after its term ended
//  R35  PARTNER_NOT_ACTIVE .................... Desert Sky Networks acting on its customers
//  R36  SUBSCRIPTION_DELETED .................. Contoso's deleted Project Plan 3
//  R37  NOT_TRANSACTING_PARTNER ............... First Up Consultants cancelling a Trey Research subscription

/** The three documented demo sign-ins. */
export const DEMO_USERS = {
  distributor: {
    email: "admin@treyresearch.example",
    partner: "Trey Research Distribution",
    role: UserRole.GLOBAL_ADMIN,
    description: "indirect provider (US): ~13 active resellers, two-tier customers, transfers",
  },
  reseller: {
    email: "admin@wingtiptoys.example",
    partner: "Wingtip Toys IT",
    role: UserRole.GLOBAL_ADMIN,
    description: "indirect reseller (US) of Trey Research: Contoso, Fabrikam, Northwind Traders…",
  },
  directBill: {
    email: "admin@firstupconsultants.example",
    partner: "First Up Consultants",
    role: UserRole.GLOBAL_ADMIN,
    description: "direct-bill partner (US): its own customers, a transfer to accept from Trey Research",
  },
} as const;

const SEED = 0x5eed_c5b;

// ---------------------------------------------------------------------------------------------------------------
// Deterministic randomness

/** mulberry32: a tiny 32-bit PRNG, plenty for demo data. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  }
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    const last = entries[entries.length - 1];
    if (last === undefined) throw new Error("weighted pick from an empty list");
    return last[0];
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const a = out[i] as T;
      out[i] = out[j] as T;
      out[j] = a;
    }
    return out;
  }
  /** A GUID in the random (v4) layout, lowercase like Entra tenant ids. */
  guid(): string {
    const hex = (n: number) => Array.from({ length: n }, () => Math.floor(this.next() * 16).toString(16)).join("");
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${this.pick(["8", "9", "a", "b"])}${hex(3)}-${hex(12)}`;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Calendar helpers (UTC dates, YYYY-MM-DD)

interface TermDates {
  purchaseDate: string;
  renewalDate: string | null;
  commitmentEndDate: string;
}

/** A term of `months` starting on termStart, after `renewals` earlier terms. */
function termFrom(termStart: string, months: number, renewals: number): TermDates {
  return {
    purchaseDate: addMonths(termStart, -months * renewals),
    renewalDate: renewals > 0 ? termStart : null,
    commitmentEndDate: termEndDate(termStart, months),
  };
}

/** A term of `months` that ended on `end`. */
function termEndingOn(end: string, months: number, renewals: number): TermDates {
  return termFrom(addMonths(addDays(end, 1), -months), months, renewals);
}

// ---------------------------------------------------------------------------------------------------------------
// The partner network (hand-written: names, countries and the compliance cases are the point of the demo)

interface PartnerDef {
  key: string;
  name: string;
  /** Users' email domain is `<slug>.example`. */
  slug: string;
  country: string;
  types: PartnerType[];
  mpaSigned?: boolean;
  programStatus?: ProgramStatus;
  partnerId?: string;
}

interface OwnerDef extends PartnerDef {
  /** Number of customers it brought in with an ACTIVE relationship. */
  customers: number;
  /** Extra customers that have not accepted its relationship request yet (REQUESTED). */
  pendingInvites?: number;
  /** Names of its first customers (Microsoft's fictional companies). */
  featured?: string[];
}

interface ResellerDef extends OwnerDef {
  provider: string;
  partnership: PartnershipStatus;
}

const PROVIDERS: PartnerDef[] = [
  {
    key: "trey",
    name: "Trey Research Distribution",
    slug: "treyresearch",
    country: "US",
    types: [PartnerType.INDIRECT_PROVIDER],
    partnerId: "4847383",
  },
  {
    key: "relecloud",
    name: "Relecloud Distribution Ltd",
    slug: "relecloud",
    country: "GB",
    types: [PartnerType.INDIRECT_PROVIDER],
  },
  {
    key: "iberica",
    name: "Ibérica Cloud Distribuição, Lda.",
    slug: "ibericacloud",
    country: "PT",
    types: [PartnerType.INDIRECT_PROVIDER],
  },
];

const A = PartnershipStatus.ACTIVE;
const reseller = (
  provider: string,
  key: string,
  name: string,
  slug: string,
  country: string,
  customers: number,
  extra: Partial<ResellerDef> = {},
): ResellerDef => ({
  key,
  name,
  slug,
  country,
  customers,
  provider,
  partnership: A,
  types: [PartnerType.INDIRECT_RESELLER],
  ...extra,
});

const RESELLERS: ResellerDef[] = [
  reseller("trey", "wingtip", "Wingtip Toys IT", "wingtiptoys", "US", 24, {
    partnerId: "5139005",
    pendingInvites: 2,
    featured: [
      "Contoso Ltd.",
      "Fabrikam, Inc.",
      "Northwind Traders",
      "Tailspin Toys",
      "Adatum Corporation",
      "Litware, Inc.",
    ],
  }),
  reseller("trey", "redwood", "Redwood Cloud Partners", "redwoodcloud", "US", 15, {
    featured: ["Blue Yonder Airlines", "City Power & Light"],
  }),
  reseller("trey", "greatlakes", "Great Lakes Technology", "greatlakestech", "US", 20, {
    featured: ["Consolidated Messenger", "Humongous Insurance"],
  }),
  reseller("trey", "lonestar", "Lone Star IT Solutions", "lonestarit", "US", 11, {
    featured: ["Lamna Healthcare Company"],
  }),
  reseller("trey", "bluegrass", "Bluegrass Systems", "bluegrasssystems", "US", 8, {
    featured: ["Best For You Organics Company"],
  }),
  reseller("trey", "evergreen", "Evergreen Managed IT", "evergreenit", "US", 13),
  reseller("trey", "desertsky", "Desert Sky Networks", "desertsky", "US", 6, {
    programStatus: ProgramStatus.SUSPENDED,
  }),
  reseller("trey", "empire", "Empire State Cloud", "empirestatecloud", "US", 6, { mpaSigned: false }),
  reseller("trey", "gulfcoast", "Gulf Coast Computing", "gulfcoastcomputing", "US", 10, {
    featured: ["Liberty's Delightful Sinful Bakery & Cafe"],
  }),
  reseller("trey", "hudson", "Hudson Valley IT", "hudsonvalleyit", "US", 17, {
    featured: ["Munson's Pickles and Preserves Farm", "Southridge Video"],
  }),
  reseller("trey", "prairie", "Prairie Tech Group", "prairietech", "US", 5),
  reseller("trey", "rockymtn", "Rocky Mountain Cloud", "rockymountaincloud", "US", 12),
  reseller("trey", "summit", "Summit Peak IT", "summitpeakit", "US", 0, { partnership: PartnershipStatus.INVITED }),
  reseller("trey", "tidewater", "Tidewater Technology", "tidewatertech", "US", 7),
  reseller("relecloud", "bakerst", "Baker Street Cloud", "bakerstreetcloud", "GB", 15, {
    pendingInvites: 1,
    featured: ["Lucerne Publishing", "Margie's Travel"],
  }),
  reseller("relecloud", "thames", "Thames Valley IT", "thamesvalleyit", "GB", 11, {
    featured: ["Graphic Design Institute", "School of Fine Art"],
  }),
  reseller("relecloud", "pennine", "Pennine Systems", "penninesystems", "GB", 9, { featured: ["Nod Publishers"] }),
  reseller("relecloud", "cotswold", "Cotswold Computing", "cotswoldcomputing", "GB", 5, { mpaSigned: false }),
  reseller("relecloud", "highland", "Highland Cloud Services", "highlandcloud", "GB", 9, {
    featured: ["VanArsdel, Ltd."],
  }),
  reseller("relecloud", "mersey", "Mersey Digital", "merseydigital", "GB", 7),
  reseller("relecloud", "severn", "Severn Tech", "severntech", "GB", 4, { partnership: PartnershipStatus.REMOVED }),
  reseller("relecloud", "kestrel", "Kestrel IT", "kestrelit", "GB", 6),
  reseller("relecloud", "brightwater", "Brightwater Networks", "brightwater", "GB", 0, {
    partnership: PartnershipStatus.INVITED,
  }),
  reseller("iberica", "atlantico", "Atlântico Sistemas, Lda.", "atlanticosistemas", "PT", 12, { pendingInvites: 1 }),
  reseller("iberica", "douro", "Douro Cloud, Lda.", "dourocloud", "PT", 9),
  reseller("iberica", "tejo", "Tejo Informática, Lda.", "tejoinformatica", "PT", 8),
  reseller("iberica", "minho", "Minho Tecnologia, Lda.", "minhotecnologia", "PT", 4, { mpaSigned: false }),
  reseller("iberica", "algarve", "Algarve TI Serviços, Lda.", "algarveti", "PT", 6),
  reseller("iberica", "mondego", "Mondego Soluções, Lda.", "mondegosolucoes", "PT", 0, {
    partnership: PartnershipStatus.INVITED,
  }),
  // A Brazilian reseller under a Portuguese provider: the region rules (R4, R25) in action.
  reseller("iberica", "carioca", "Carioca Cloud Ltda.", "cariocacloud", "BR", 5),
];

const DIRECT: OwnerDef[] = [
  {
    key: "firstup",
    name: "First Up Consultants",
    slug: "firstupconsultants",
    country: "US",
    types: [PartnerType.DIRECT_BILL],
    partnerId: "517285",
    customers: 28,
    pendingInvites: 1,
    featured: ["Alpine Ski House", "Coho Winery", "Proseware, Inc.", "Woodgrove Bank", "Adventure Works Cycles"],
  },
  {
    key: "cascadia",
    name: "Cascadia Cloud Advisors",
    slug: "cascadiacloud",
    country: "US",
    types: [PartnerType.DIRECT_BILL],
    customers: 15,
  },
  {
    key: "fourthcoffee",
    name: "Fourth Coffee Cloud Services",
    slug: "fourthcoffee",
    country: "GB",
    types: [PartnerType.DIRECT_BILL, PartnerType.ADVISOR],
    customers: 20,
    pendingInvites: 1,
    featured: ["Wide World Importers", "Tailwind Traders", "Bellows College"],
  },
  {
    key: "estrela",
    name: "Estrela Cloud Serviços, Lda.",
    slug: "estrelacloud",
    country: "PT",
    types: [PartnerType.DIRECT_BILL],
    customers: 12,
  },
];

/** A few customers sit across the border from the partner that brought them in (R4). */
const NEIGHBOUR: Record<string, string> = { US: "CA", GB: "IE", PT: "ES" };

// ---------------------------------------------------------------------------------------------------------------
// Catalogue. New-commerce ids are product:sku (Partner Center catalog); legacy license offers have GUID ids.
// Checked against Microsoft docs or Partner Center samples: Business Basic/Standard/Premium, M365 E3/E5, Office 365
// E1/E3, Exchange Online (Plan 1), Power BI Pro, Project Plan 3 and Visio Plan 2 product ids, the legacy GUIDs and
// the Azure offer ids. The product ids of Teams Essentials, Dynamics 365 Sales Professional, Teams Audio Conferencing
// and Defender for Office 365 (Plan 1) are plausible but not verified against the live catalogue.

interface LicenseOffer {
  name: string;
  nce: string;
  legacy: string | null;
  weight: number;
  /** Seats relative to the customer's size. */
  seatFactor: number;
  addOns?: string[];
}

const AUDIO = "Microsoft Teams Audio Conferencing";
const DEFENDER = "Microsoft Defender for Office 365 (Plan 1)";

const LICENSE_OFFERS: LicenseOffer[] = [
  {
    name: "Microsoft 365 Business Basic",
    nce: "CFQ7TTC0LH18:0001",
    legacy: "BD938F12-058F-4927-BBA3-AE36B1D2501C",
    weight: 14,
    seatFactor: 1,
    addOns: [DEFENDER],
  },
  {
    name: "Microsoft 365 Business Standard",
    nce: "CFQ7TTC0LDPB:0001",
    legacy: "031C9E47-4802-4248-838E-778FB1D2CC05",
    weight: 16,
    seatFactor: 1,
    addOns: [AUDIO, DEFENDER],
  },
  {
    name: "Microsoft 365 Business Premium",
    nce: "CFQ7TTC0LCHC:0002",
    legacy: null,
    weight: 16,
    seatFactor: 1,
    addOns: [AUDIO],
  },
  { name: "Microsoft 365 E3", nce: "CFQ7TTC0LFLX:0001", legacy: null, weight: 10, seatFactor: 1.5, addOns: [AUDIO] },
  { name: "Microsoft 365 E5", nce: "CFQ7TTC0LFLZ:0002", legacy: null, weight: 4, seatFactor: 1 },
  {
    name: "Office 365 E1",
    nce: "CFQ7TTC0LF8Q:0001",
    legacy: "91FD106F-4B2C-4938-95AC-F54F74E9A239",
    weight: 6,
    seatFactor: 1,
    addOns: [DEFENDER],
  },
  {
    name: "Office 365 E3",
    nce: "CFQ7TTC0LF8R:0001",
    legacy: "796B6B5F-613C-4E24-A17C-EBA730D49C02",
    weight: 9,
    seatFactor: 1.2,
    addOns: [AUDIO, DEFENDER],
  },
  {
    name: "Exchange Online (Plan 1)",
    nce: "CFQ7TTC0LH16:0001",
    legacy: "195416C1-3447-423A-B37B-EE59A99A19C4",
    weight: 10,
    seatFactor: 0.6,
    addOns: [DEFENDER],
  },
  { name: "Microsoft Teams Essentials", nce: "CFQ7TTC0RQ8N:0001", legacy: null, weight: 5, seatFactor: 0.5 },
  { name: "Dynamics 365 Sales Professional", nce: "CFQ7TTC0LH3J:0001", legacy: null, weight: 3, seatFactor: 0.15 },
  { name: "Power BI Pro", nce: "CFQ7TTC0L3PB:0001", legacy: null, weight: 6, seatFactor: 0.25 },
  { name: "Visio Plan 2", nce: "CFQ7TTC0HD32:0001", legacy: null, weight: 3, seatFactor: 0.1 },
  { name: "Project Plan 3", nce: "CFQ7TTC0HDB0:0001", legacy: null, weight: 3, seatFactor: 0.1 },
];

const ADD_ON_OFFERS: Record<string, string> = {
  [AUDIO]: "CFQ7TTC0LGR4:0001",
  [DEFENDER]: "CFQ7TTC0LH0X:0001",
};

const AZURE_PLAN = { name: "Azure plan", id: "DZH318Z0BPS6:0001" };
const LEGACY_AZURE = { name: "Microsoft Azure (MS-AZR-0145P)", id: "MS-AZR-0145P" };

interface OtherChannelOffer {
  name: string;
  id: string;
  kind: OfferKind;
  model: CommerceModel;
}
const OTHER_CHANNEL_OFFERS: Record<Exclude<SalesChannel, SalesChannel.CSP>, OtherChannelOffer[]> = {
  [SalesChannel.EA]: [
    { name: "Microsoft 365 E3", id: "CFQ7TTC0LFLX:0001", kind: OfferKind.LICENSE_BASED, model: CommerceModel.LEGACY },
    {
      name: "Office 365 E3",
      id: "796B6B5F-613C-4E24-A17C-EBA730D49C02",
      kind: OfferKind.LICENSE_BASED,
      model: CommerceModel.LEGACY,
    },
    {
      name: "Microsoft Azure Enterprise (MS-AZR-0017P)",
      id: "MS-AZR-0017P",
      kind: OfferKind.USAGE_BASED,
      model: CommerceModel.LEGACY,
    },
  ],
  [SalesChannel.MICROSOFT_DIRECT]: [
    {
      name: "Microsoft 365 Business Premium",
      id: "CFQ7TTC0LCHC:0002",
      kind: OfferKind.LICENSE_BASED,
      model: CommerceModel.NEW_COMMERCE,
    },
    {
      name: "Microsoft 365 Business Basic",
      id: "CFQ7TTC0LH18:0001",
      kind: OfferKind.LICENSE_BASED,
      model: CommerceModel.NEW_COMMERCE,
    },
    {
      name: "Pay-As-You-Go (MS-AZR-0003P)",
      id: "MS-AZR-0003P",
      kind: OfferKind.USAGE_BASED,
      model: CommerceModel.LEGACY,
    },
  ],
  [SalesChannel.OPEN]: [
    {
      name: "Office 365 E3",
      id: "796B6B5F-613C-4E24-A17C-EBA730D49C02",
      kind: OfferKind.LICENSE_BASED,
      model: CommerceModel.LEGACY,
    },
    {
      name: "Microsoft Azure in Open Licensing (MS-AZR-0111P)",
      id: "MS-AZR-0111P",
      kind: OfferKind.USAGE_BASED,
      model: CommerceModel.LEGACY,
    },
  ],
  [SalesChannel.ADVISOR]: [
    {
      name: "Office 365 E1",
      id: "91FD106F-4B2C-4938-95AC-F54F74E9A239",
      kind: OfferKind.LICENSE_BASED,
      model: CommerceModel.LEGACY,
    },
    {
      name: "Pay-As-You-Go (MS-AZR-0003P)",
      id: "MS-AZR-0003P",
      kind: OfferKind.USAGE_BASED,
      model: CommerceModel.LEGACY,
    },
  ],
  [SalesChannel.THIRD_PARTY_NON_CSP]: [
    {
      name: "Microsoft 365 Business Standard",
      id: "CFQ7TTC0LDPB:0001",
      kind: OfferKind.LICENSE_BASED,
      model: CommerceModel.NEW_COMMERCE,
    },
    {
      name: "Exchange Online (Plan 1)",
      id: "CFQ7TTC0LH16:0001",
      kind: OfferKind.LICENSE_BASED,
      model: CommerceModel.NEW_COMMERCE,
    },
  ],
};

// ---------------------------------------------------------------------------------------------------------------
// Names

// prettier-ignore
const EN_PREFIXES = [
  "Apex", "Ashford", "Beacon", "Birchwood", "Blue Ridge", "Bluebird", "Bright Harbor", "Brookside", "Canterbury",
  "Cedar Point", "Clearwater", "Copper Hill", "Cornerstone", "Crescent", "Driftwood", "Eastgate", "Elm Street",
  "Emerald Bay", "Fairview", "Fox Hollow", "Foxglove", "Goldcrest", "Granite", "Harborview", "Hawthorne", "Highgate",
  "Ironwood", "Juniper", "Keystone", "Kingsbridge", "Lakeside", "Larkspur", "Lighthouse", "Maple Leaf",
  "Meadowbrook", "Marigold", "Nightingale", "Northgate", "Oakridge", "Orchard Hill", "Parkside", "Pinecrest",
  "Quarry Lane", "Redstone", "Riverbend", "Rosewood", "Saltmarsh", "Sandstone", "Silver Birch", "Stonebridge",
  "Sunrise", "Tamarack", "Thistle", "Twin Oaks", "Union Square", "Wavecrest", "Westfield", "Whitfield",
  "Willow Creek", "Windmill",
];
// prettier-ignore
const EN_TRADES = [
  "Dental Group", "Logistics", "Architects", "Bakery", "Engineering", "Law Partners", "Veterinary Clinic", "Realty",
  "Marketing", "Accounting", "Family Medicine", "Construction", "Auto Repair", "Brewing Company", "Insurance Agency",
  "Landscaping", "Printing", "Consulting", "Hotels", "Outfitters", "Pharmacy", "Plumbing & Heating", "Robotics",
  "Foods", "Credit Union", "Academy", "Studios", "Travel", "Fitness", "Manufacturing", "Orthopedics", "Freight",
];
const EN_SUFFIXES: Record<string, string[]> = {
  US: ["Inc.", "LLC", "Corp.", ""],
  CA: ["Inc.", "Ltd."],
  GB: ["Ltd", "Ltd", "plc", ""],
  IE: ["Ltd", "DAC"],
};
// prettier-ignore
const PT_TRADES = [
  "Construções", "Transportes", "Farmácia", "Clínica Dentária", "Padaria", "Advogados", "Contabilidade",
  "Imobiliária", "Hotel", "Vinhos", "Têxteis", "Metalúrgica", "Cerâmica", "Seguros", "Restaurante", "Colégio",
];
// prettier-ignore
const PT_SURNAMES = [
  "Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Martins", "Sousa", "Fernandes",
  "Gonçalves", "Gomes", "Lopes", "Marques", "Almeida", "Ribeiro", "Carvalho", "Teixeira", "Moreira", "Correia",
  "Pinto", "Cardoso", "Mendes", "Nunes", "Vieira",
];
// prettier-ignore
const BR_TRADES = [
  "Comércio", "Transportadora", "Clínica", "Engenharia", "Distribuidora", "Tecnologia", "Alimentos", "Consultoria",
];
const ES_TRADES = ["Construcciones", "Transportes", "Farmacia", "Asesoría", "Bodegas", "Hoteles"];
const ES_SURNAMES = ["García", "Martínez", "López", "Sánchez", "Pérez", "Gómez", "Fernández", "Ruiz", "Díaz", "Moreno"];

// prettier-ignore
const EN_FIRST = [
  "Megan", "Adele", "Alex", "Diego", "Isaiah", "Johanna", "Lee", "Lidia", "Lynne", "Miriam", "Nestor", "Patti",
  "Pradeep", "Grady", "Henrietta", "Joni", "Irvin", "Christie", "Debra", "Enrico", "Allan", "Emily", "Brian", "Sara",
  "Daniel", "Olivia", "James", "Priya", "Tom", "Hannah",
];
// prettier-ignore
const EN_LAST = [
  "Bowen", "Vance", "Wilber", "Siciliani", "Langer", "Lorenz", "Gu", "Holloway", "Robbins", "Graham", "Wilke",
  "Fernandez", "Gupta", "Archie", "Mueller", "Sherman", "Sayers", "Cline", "Berger", "Cattaneo", "Deyoung", "Braun",
  "Johnson", "Davis", "Patel", "Nguyen", "Walker", "Clarke", "Hughes", "Turner",
];
// prettier-ignore
const PT_FIRST = [
  "João", "Maria", "Ana", "Pedro", "Inês", "Tiago", "Sofia", "Rui", "Catarina", "Miguel", "Beatriz", "Nuno", "Carla",
  "Luís", "Marta", "Ricardo",
];
const BR_FIRST = ["Lucas", "Gabriel", "Juliana", "Camila", "Rafael", "Fernanda", "Bruno", "Larissa"];

const DEMO_ADMIN_NAMES: Record<string, string> = {
  trey: "Megan Bowen",
  wingtip: "Adele Vance",
  firstup: "Alex Wilber",
};

/** ASCII, lowercase, letters and digits only. */
function slugify(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

const LEGAL_SUFFIX = /,?\s+(inc\.?|ltd\.?|llc|corp\.?|corporation|company|co\.|plc|dac|lda\.|ltda\.|s\.l\.)$/i;

// ---------------------------------------------------------------------------------------------------------------
// The builder

type Size = "S" | "M" | "L";

/** How a customer buys CSP from one partner (or partner pair): who bills, and the reseller of record. */
interface Arrangement {
  transacting: string;
  reseller: string | null;
  status: RelationshipStatus;
}

interface CustomerPlan {
  customer: WorldCustomer;
  size: Size;
  /** The first is the partner that brought the customer in. */
  arrangements: Arrangement[];
  /** False for a partner's own CSP tenant: it cannot buy from CSP (R9). */
  cspAllowed: boolean;
}

type LicenseStatusPlan =
  | { kind: "live"; status: SubscriptionStatus.ACTIVE | SubscriptionStatus.SUSPENDED; recent: boolean }
  | { kind: "ended"; status: SubscriptionStatus; daysAgo: number };

interface LicenseSpec {
  offer: LicenseOffer;
  model: CommerceModel;
  term: TermDuration;
  dates: TermDates;
  status: SubscriptionStatus;
  quantity: number;
  autoRenew: boolean;
}

class DemoWorldBuilder {
  private readonly ids = new Rng(SEED);
  private readonly names = new Rng(SEED + 1);
  private readonly net = new Rng(SEED + 2);
  private readonly subsRng = new Rng(SEED + 3);
  private readonly people = new Rng(SEED + 4);

  private readonly partners: WorldPartner[] = [];
  private readonly partnerships: WorldPartnership[] = [];
  private readonly plans: CustomerPlan[] = [];
  private readonly subscriptions: WorldSubscription[] = [];
  private readonly transfers: WorldTransfer[] = [];
  private readonly users: WorldUser[] = [];

  private readonly defs = new Map<string, PartnerDef>();
  private readonly usedNames = new Set<string>();
  private readonly usedDomains = new Set<string>();
  private readonly usedPartnerIds = new Set<string>();
  private readonly usedGuids = new Set<string>();
  private subSeq = 0;

  constructor(private readonly asOf: string) {}

  build(): World {
    this.buildPartners();
    this.buildCustomers();
    this.addSecondaryArrangements();
    for (const plan of this.plans) this.buildSubscriptions(plan);
    this.buildTransfers();
    // Rule book V2 states (seat batches, open windows, scheduled changes, other products), on a random source of
    // their own: the rows above stay exactly as they were.
    const named = new Set([...RESELLERS, ...DIRECT].flatMap((d) => d.featured ?? []));
    const excluded = new Set(this.plans.filter((p) => named.has(p.customer.name)).map((p) => p.customer.key));
    this.subscriptions.push(...addLifecycleStates(this.subscriptions, this.asOf, excluded, () => this.nextSubKey()));
    this.buildUsers();
    return {
      partners: this.partners,
      partnerships: this.partnerships,
      customers: this.plans.map((p) => p.customer),
      relationships: this.relationships(),
      subscriptions: this.subscriptions,
      transfers: this.transfers,
      users: this.users,
    };
  }

  // --- ids -------------------------------------------------------------------------------------------------

  private guid(): string {
    for (;;) {
      const id = this.ids.guid();
      if (!this.usedGuids.has(id)) {
        this.usedGuids.add(id);
        return id;
      }
    }
  }

  private partnerId(fixed: string | undefined): string {
    let id = fixed;
    while (id === undefined || this.usedPartnerIds.has(id)) {
      id = String(this.ids.chance(0.3) ? this.ids.int(100_000, 999_999) : this.ids.int(1_000_000, 6_999_999));
    }
    this.usedPartnerIds.add(id);
    return id;
  }

  // --- partners --------------------------------------------------------------------------------------------

  private buildPartners(): void {
    for (const def of [...PROVIDERS, ...RESELLERS, ...DIRECT]) {
      this.defs.set(def.key, def);
      this.partners.push({
        key: def.key,
        name: def.name,
        partnerId: this.partnerId(def.partnerId),
        types: def.types,
        country: def.country,
        mpaSigned: def.mpaSigned ?? true,
        programStatus: def.programStatus ?? ProgramStatus.ACTIVE,
        tenantId: this.guid(),
      });
    }
    for (const r of RESELLERS) this.partnerships.push({ provider: r.provider, reseller: r.key, status: r.partnership });
  }

  private partner(key: string): WorldPartner {
    const p = this.partners.find((x) => x.key === key);
    if (p === undefined) throw new Error(`unknown partner ${key}`);
    return p;
  }

  // --- customers -------------------------------------------------------------------------------------------

  private companyName(country: string): string {
    const rng = this.names;
    for (;;) {
      let name: string;
      if (country === "PT") {
        const family = rng.pick(PT_SURNAMES);
        name = `${rng.pick(PT_TRADES)} ${family}${rng.chance(0.25) ? " & Filhos" : ""}, Lda.`;
      } else if (country === "BR") {
        name = `${rng.pick(BR_TRADES)} ${rng.pick(PT_SURNAMES)} Ltda.`;
      } else if (country === "ES") {
        name = `${rng.pick(ES_TRADES)} ${rng.pick(ES_SURNAMES)}, S.L.`;
      } else {
        const suffix = rng.pick(EN_SUFFIXES[country] ?? [""]);
        name = `${rng.pick(EN_PREFIXES)} ${rng.pick(EN_TRADES)}${suffix ? ` ${suffix}` : ""}`;
      }
      if (!this.usedNames.has(name)) return name;
    }
  }

  /** `<slug>.onmicrosoft.com`, at most 27 characters before the dot, unique. */
  private domainFor(name: string): string {
    const base = slugify(name.replace(LEGAL_SUFFIX, "")).slice(0, 27) || "tenant";
    let slug = base;
    for (let n = 2; this.usedDomains.has(slug); n++) slug = `${base.slice(0, 25)}${n}`;
    this.usedDomains.add(slug);
    return `${slug}.onmicrosoft.com`;
  }

  private addCustomer(
    name: string,
    country: string,
    arrangement: Arrangement,
    opts: { mcaAccepted?: boolean; partnerTenantOf?: string; size?: Size } = {},
  ): CustomerPlan {
    this.usedNames.add(name);
    const domain = this.domainFor(name);
    const tenantOf = opts.partnerTenantOf ?? null;
    const plan: CustomerPlan = {
      customer: {
        key: `cust-${domain.split(".")[0]}`,
        name,
        domain,
        country,
        mcaAccepted: opts.mcaAccepted ?? !this.net.chance(0.05),
        partnerTenantOf: tenantOf,
        // A partner's CSP transaction tenant is the partner's own Entra tenant.
        tenantId: tenantOf === null ? this.guid() : this.partner(tenantOf).tenantId,
      },
      size:
        opts.size ??
        this.net.weighted<Size>([
          ["S", 60],
          ["M", 30],
          ["L", 10],
        ]),
      arrangements: [arrangement],
      cspAllowed: tenantOf === null,
    };
    this.plans.push(plan);
    return plan;
  }

  private buildCustomers(): void {
    const owners: Array<{ def: OwnerDef; arrangement: (s: RelationshipStatus) => Arrangement }> = [
      ...RESELLERS.map((r) => ({
        def: r,
        arrangement: (status: RelationshipStatus) => ({ transacting: r.provider, reseller: r.key, status }),
      })),
      ...DIRECT.map((d) => ({
        def: d,
        arrangement: (status: RelationshipStatus) => ({ transacting: d.key, reseller: null, status }),
      })),
    ];
    for (const { def, arrangement } of owners) {
      for (let i = 0; i < def.customers; i++) {
        const featured = def.featured?.[i];
        const abroad = featured === undefined && this.net.chance(0.04) ? NEIGHBOUR[def.country] : undefined;
        const country = abroad ?? def.country;
        const name = featured ?? this.companyName(country);
        const opts =
          featured === "Contoso Ltd."
            ? { mcaAccepted: true, size: "L" as const }
            : featured === "Tailspin Toys"
              ? { mcaAccepted: false }
              : {};
        this.addCustomer(name, country, arrangement(RelationshipStatus.ACTIVE), opts);
      }
      for (let i = 0; i < (def.pendingInvites ?? 0); i++) {
        this.addCustomer(this.companyName(def.country), def.country, arrangement(RelationshipStatus.REQUESTED));
      }
    }
    // Partners' own CSP transaction tenants, listed as customers of another partner (R9, R27).
    this.addCustomer(
      "Wingtip Toys IT",
      "US",
      {
        transacting: "trey",
        reseller: null,
        status: RelationshipStatus.ACTIVE,
      },
      { partnerTenantOf: "wingtip", mcaAccepted: true, size: "S" },
    );
    this.addCustomer(
      "First Up Consultants",
      "US",
      {
        transacting: "cascadia",
        reseller: null,
        status: RelationshipStatus.ACTIVE,
      },
      { partnerTenantOf: "firstup", mcaAccepted: true, size: "S" },
    );
  }

  /** Multi-partner customers (a second CSP partner, some transfers between them) and former partners (REMOVED). */
  private addSecondaryArrangements(): void {
    const directByCountry = (country: string) => DIRECT.filter((d) => d.country === country).map((d) => d.key);
    const twoTierByCountry = (country: string) => {
      const provider = PROVIDERS.find((p) => p.country === country);
      if (provider === undefined) return [];
      return RESELLERS.filter(
        (r) => r.provider === provider.key && r.partnership === A && r.country === country && r.customers > 0,
      ).map((r) => ({ transacting: provider.key, reseller: r.key }));
    };

    let resellerOwned = 0;
    let directOwned = 0;
    for (const plan of this.plans) {
      const primary = plan.arrangements[0];
      if (primary === undefined || primary.status !== RelationshipStatus.ACTIVE || !plan.cspAllowed) continue;
      const country = plan.customer.country;
      if (plan.customer.name === "Contoso Ltd.") {
        // The showcase customer also buys from First Up Consultants (the pending transfer of the demo).
        plan.arrangements.push({ transacting: "firstup", reseller: null, status: RelationshipStatus.ACTIVE });
        continue;
      }
      if (primary.reseller !== null) {
        resellerOwned++;
        const directs = directByCountry(country);
        if (directs.length === 0) continue;
        if (resellerOwned % 8 === 3) {
          plan.arrangements.push({
            transacting: this.net.pick(directs),
            reseller: null,
            status: RelationshipStatus.ACTIVE,
          });
        } else if (resellerOwned % 15 === 7) {
          plan.arrangements.push({
            transacting: this.net.pick(directs),
            reseller: null,
            status: RelationshipStatus.REMOVED,
          });
        }
      } else {
        directOwned++;
        const options = twoTierByCountry(country);
        if (options.length === 0) continue;
        const other = this.net.pick(options);
        if (directOwned % 7 === 2) {
          plan.arrangements.push({ ...other, status: RelationshipStatus.ACTIVE });
        } else if (directOwned % 9 === 5) {
          plan.arrangements.push({ ...other, status: RelationshipStatus.REMOVED });
        }
      }
    }
  }

  private relationships(): WorldRelationship[] {
    const out: WorldRelationship[] = [];
    const rng = new Rng(SEED + 5);
    for (const plan of this.plans) {
      const seen = new Set<string>();
      for (const a of plan.arrangements) {
        for (const partner of a.reseller === null ? [a.transacting] : [a.reseller, a.transacting]) {
          if (seen.has(partner)) continue;
          seen.add(partner);
          out.push({
            partner,
            customer: plan.customer.key,
            status: a.status,
            includesDelegatedAdmin: plan.customer.partnerTenantOf === null && rng.chance(0.7),
          });
        }
      }
    }
    return out;
  }

  // --- subscriptions ---------------------------------------------------------------------------------------

  private nextSubKey(): string {
    this.subSeq++;
    return `sub-${String(this.subSeq).padStart(5, "0")}`;
  }

  private seats(size: Size, factor: number): number {
    const rng = this.subsRng;
    const base = size === "S" ? rng.int(1, 25) : size === "M" ? rng.int(10, 150) : rng.int(50, 500);
    return Math.min(500, Math.max(1, Math.round(base * factor)));
  }

  private licenseStatus(model: CommerceModel): LicenseStatusPlan {
    const rng = this.subsRng;
    const legacy = model === CommerceModel.LEGACY;
    const roll = rng.float();
    const [active, suspended, expired, disabled] = legacy ? [0.66, 0.71, 0.82, 0.87] : [0.85, 0.89, 0.93, 0.95];
    if (roll < active) return { kind: "live", status: SubscriptionStatus.ACTIVE, recent: !legacy && rng.chance(0.04) };
    if (roll < suspended) {
      return rng.chance(0.55)
        ? { kind: "live", status: SubscriptionStatus.SUSPENDED, recent: false }
        : { kind: "ended", status: SubscriptionStatus.SUSPENDED, daysAgo: rng.int(1, 45) };
    }
    if (roll < expired) return { kind: "ended", status: SubscriptionStatus.EXPIRED, daysAgo: rng.int(1, 90) };
    if (roll < disabled) return { kind: "ended", status: SubscriptionStatus.DISABLED, daysAgo: rng.int(30, 180) };
    return { kind: "ended", status: SubscriptionStatus.DELETED, daysAgo: rng.int(60, 900) };
  }

  private licenseSpec(offer: LicenseOffer, size: Size, plan: LicenseStatusPlan, model: CommerceModel): LicenseSpec {
    const rng = this.subsRng;
    const term =
      model === CommerceModel.LEGACY
        ? TermDuration.P1Y
        : rng.weighted([
            [TermDuration.P1Y, 85],
            [TermDuration.P1M, 10],
            [TermDuration.P3Y, 5],
          ] as const);
    const months = TERM_MONTHS[term];
    const renewals = () =>
      model === CommerceModel.LEGACY
        ? rng.int(3, 7)
        : months === 1
          ? rng.int(1, 30)
          : months === 36
            ? rng.int(0, 1)
            : rng.weighted([
                [0, 40],
                [1, 30],
                [2, 20],
                [3, 10],
              ] as const);
    let dates: TermDates;
    if (plan.kind === "live") {
      const maxIntoTerm = months === 1 ? 27 : months === 12 ? 364 : 1094;
      if (plan.recent) {
        dates = termFrom(addDays(this.asOf, -rng.int(0, 6)), months, 0);
      } else {
        dates = termFrom(addDays(this.asOf, -rng.int(0, maxIntoTerm)), months, renewals());
      }
    } else {
      dates = termEndingOn(addDays(this.asOf, -plan.daysAgo), months, renewals());
    }
    return {
      offer,
      model,
      term,
      dates,
      status: plan.status,
      quantity: this.seats(size, offer.seatFactor),
      autoRenew: plan.kind === "live" ? !rng.chance(0.1) : false,
    };
  }

  private pushLicense(customer: string, a: Arrangement, spec: LicenseSpec, parent: string | null = null): string {
    const key = this.nextSubKey();
    const billing =
      spec.term === TermDuration.P1M
        ? BillingCycle.MONTHLY
        : spec.term === TermDuration.P3Y
          ? this.subsRng.pick([BillingCycle.ANNUAL, BillingCycle.TRIENNIAL])
          : this.subsRng.chance(0.7)
            ? BillingCycle.MONTHLY
            : BillingCycle.ANNUAL;
    const offerId =
      parent !== null
        ? (ADD_ON_OFFERS[spec.offer.name] ?? spec.offer.nce)
        : spec.model === CommerceModel.LEGACY
          ? (spec.offer.legacy ?? spec.offer.nce)
          : spec.offer.nce;
    this.subscriptions.push({
      key,
      customer,
      offerName: spec.offer.name,
      offerId,
      offerKind: OfferKind.LICENSE_BASED,
      commerceModel: spec.model,
      channel: SalesChannel.CSP,
      status: spec.status,
      transactingPartner: a.transacting,
      resellerOfRecord: a.reseller,
      ...spec.dates,
      quantity: spec.quantity,
      isAzurePlan: false,
      parent,
      termDuration: spec.term,
      billingCycle: billing,
      autoRenew: spec.autoRenew,
    });
    return key;
  }

  /** A license subscription, sometimes with an add-on co-terminous with it. */
  private license(plan: CustomerPlan, a: Arrangement, status?: LicenseStatusPlan): void {
    const rng = this.subsRng;
    const offer = rng.weighted(LICENSE_OFFERS.map((o) => [o, o.weight] as const));
    const model = offer.legacy !== null && rng.chance(0.16) ? CommerceModel.LEGACY : CommerceModel.NEW_COMMERCE;
    const spec = this.licenseSpec(offer, plan.size, status ?? this.licenseStatus(model), model);
    const key = this.pushLicense(plan.customer.key, a, spec);
    const live = spec.status === SubscriptionStatus.ACTIVE || spec.status === SubscriptionStatus.SUSPENDED;
    if (status === undefined && model === CommerceModel.NEW_COMMERCE && live && offer.addOns && rng.chance(0.12)) {
      this.addOn(plan.customer.key, a, key, spec, rng.pick(offer.addOns));
    }
  }

  private addOn(customer: string, a: Arrangement, parentKey: string, parent: LicenseSpec, name: string): void {
    const start = parent.dates.renewalDate ?? parent.dates.purchaseDate;
    const boughtOn = addDays(start, Math.min(this.subsRng.int(0, 20), Math.max(0, daysBetween(start, this.asOf))));
    const spec: LicenseSpec = {
      ...parent,
      offer: offerByName(name),
      dates: { purchaseDate: boughtOn, renewalDate: null, commitmentEndDate: parent.dates.commitmentEndDate },
      quantity: Math.max(1, Math.round(parent.quantity * (0.2 + this.subsRng.float() * 0.8))),
    };
    this.pushLicense(customer, a, spec, parentKey);
  }

  private azure(
    customer: string,
    a: Arrangement,
    legacy: boolean,
    status: SubscriptionStatus = SubscriptionStatus.ACTIVE,
  ): void {
    const rng = this.subsRng;
    const key = this.nextSubKey();
    const purchaseDate = addDays(this.asOf, legacy ? -rng.int(1500, 3200) : -rng.int(8, 1400));
    let end = termEndDate(purchaseDate, 12);
    while (end < this.asOf) end = termEndDate(addDays(end, 1), 12);
    const offer = legacy ? LEGACY_AZURE : AZURE_PLAN;
    this.subscriptions.push({
      key,
      customer,
      offerName: offer.name,
      offerId: offer.id,
      offerKind: OfferKind.USAGE_BASED,
      commerceModel: legacy ? CommerceModel.LEGACY : CommerceModel.NEW_COMMERCE,
      channel: SalesChannel.CSP,
      status,
      transactingPartner: a.transacting,
      resellerOfRecord: a.reseller,
      purchaseDate,
      renewalDate: null,
      commitmentEndDate: end,
      quantity: 1,
      isAzurePlan: !legacy,
      parent: null,
      termDuration: null,
      billingCycle: BillingCycle.MONTHLY,
      autoRenew: true,
    });
  }

  /** A subscription bought outside CSP (multi-channel support): no transacting partner. */
  private otherChannel(
    plan: CustomerPlan,
    channel: Exclude<SalesChannel, SalesChannel.CSP>,
    opts: { offer?: string; live?: boolean } = {},
  ): void {
    const rng = this.subsRng;
    const offers = OTHER_CHANNEL_OFFERS[channel];
    const offer = offers.find((o) => o.name === opts.offer) ?? rng.pick(offers);
    const usage = offer.kind === OfferKind.USAGE_BASED;
    const key = this.nextSubKey();
    // Open licensing is winding down: most Open subscriptions have expired.
    const ended = opts.live !== true && rng.chance(channel === SalesChannel.OPEN ? 0.6 : 0.12);
    const months = channel === SalesChannel.EA ? 36 : 12;
    const dates = ended
      ? termEndingOn(addDays(this.asOf, -rng.int(5, 400)), months, rng.int(0, 2))
      : termFrom(addDays(this.asOf, -rng.int(0, months * 30 - 1)), months, rng.int(0, 3));
    const status = ended
      ? rng.weighted([
          [SubscriptionStatus.EXPIRED, 6],
          [SubscriptionStatus.DELETED, 3],
          [SubscriptionStatus.DISABLED, 1],
        ] as const)
      : opts.live !== true && rng.chance(0.05)
        ? SubscriptionStatus.SUSPENDED
        : SubscriptionStatus.ACTIVE;
    this.subscriptions.push({
      key,
      customer: plan.customer.key,
      offerName: offer.name,
      offerId: offer.id,
      offerKind: offer.kind,
      commerceModel: offer.model,
      channel,
      status,
      transactingPartner: null,
      resellerOfRecord: null,
      purchaseDate: dates.purchaseDate,
      renewalDate: usage ? null : dates.renewalDate,
      commitmentEndDate: dates.commitmentEndDate,
      quantity: usage ? 1 : this.seats(plan.size, 1),
      isAzurePlan: false,
      parent: null,
      termDuration: usage ? null : months === 36 ? TermDuration.P3Y : TermDuration.P1Y,
      billingCycle: usage ? BillingCycle.MONTHLY : BillingCycle.ANNUAL,
      autoRenew: !ended,
    });
  }

  private buildSubscriptions(plan: CustomerPlan): void {
    if (plan.customer.name === "Contoso Ltd.") return this.showcase(plan);
    const rng = this.subsRng;
    const key = plan.customer.key;
    const primary = plan.arrangements[0];
    let hasCsp = false;
    for (const a of plan.arrangements) {
      if (!plan.cspAllowed) break;
      if (a.status === RelationshipStatus.ACTIVE) {
        hasCsp = true;
        if (a === primary) {
          const n = plan.size === "S" ? rng.int(3, 7) : plan.size === "M" ? rng.int(8, 14) : rng.int(14, 26);
          for (let i = 0; i < n; i++) this.license(plan, a);
          if (rng.chance(0.55)) this.azure(key, a, false, rng.chance(0.04) ? SubscriptionStatus.SUSPENDED : undefined);
          if (rng.chance(0.07)) this.azure(key, a, true, rng.chance(0.2) ? SubscriptionStatus.SUSPENDED : undefined);
        } else {
          // A second CSP partner: a couple of live new-commerce seats it could hand over by transfer.
          for (let i = 0; i < 2; i++)
            this.license(plan, a, { kind: "live", status: SubscriptionStatus.ACTIVE, recent: false });
          for (let i = rng.int(0, 2); i > 0; i--) this.license(plan, a);
          if (rng.chance(0.45)) this.azure(key, a, false);
        }
      } else if (a.status === RelationshipStatus.REMOVED) {
        // A former partner: only what it sold before the relationship ended, long gone.
        for (let i = rng.int(1, 3); i > 0; i--) {
          this.license(plan, a, {
            kind: "ended",
            status: rng.pick([SubscriptionStatus.EXPIRED, SubscriptionStatus.DELETED, SubscriptionStatus.DISABLED]),
            daysAgo: rng.int(120, 700),
          });
        }
      }
    }
    const advisorCustomer = plan.arrangements.some((a) => a.transacting === "fourthcoffee");
    if (!hasCsp || rng.chance(0.25)) {
      for (let i = rng.int(1, plan.size === "L" ? 3 : 2); i > 0; i--) {
        const channel = rng.weighted<Exclude<SalesChannel, SalesChannel.CSP>>([
          [SalesChannel.EA, plan.size === "S" ? 1 : 6],
          [SalesChannel.MICROSOFT_DIRECT, 5],
          [SalesChannel.OPEN, 2],
          [SalesChannel.ADVISOR, advisorCustomer ? 8 : 1],
          [SalesChannel.THIRD_PARTY_NON_CSP, 2],
        ]);
        this.otherChannel(plan, channel);
      }
    }
  }

  /** Contoso, Wingtip Toys IT's showcase customer: one subscription for each situation the demo walks through. */
  private showcase(plan: CustomerPlan): void {
    const [wingtip, firstup] = plan.arrangements;
    if (wingtip === undefined || firstup === undefined) throw new Error("Contoso needs its two arrangements");
    const c = plan.customer.key;
    const asOf = this.asOf;
    const nce = CommerceModel.NEW_COMMERCE;
    const spec = (
      name: string,
      dates: TermDates,
      quantity: number,
      status = SubscriptionStatus.ACTIVE,
      model: CommerceModel = nce,
    ): LicenseSpec => ({
      offer: offerByName(name),
      model,
      term: TermDuration.P1Y,
      dates,
      status,
      quantity,
      autoRenew: status === SubscriptionStatus.ACTIVE,
    });
    // Term ends in 3½ weeks; bought two years ago.
    this.pushLicense(c, wingtip, spec("Microsoft 365 Business Premium", termFrom(addDays(asOf, -340), 12, 1), 85));
    // Bought 3 days ago: still inside the 7-day cancellation window, with an add-on bought the same day.
    const e3 = spec("Microsoft 365 E3", termFrom(addDays(asOf, -3), 12, 0), 40);
    const e3Key = this.pushLicense(c, wingtip, e3);
    this.pushLicense(c, wingtip, { ...e3, offer: offerByName(AUDIO), quantity: 12 }, e3Key);
    // Term ends in ~7 weeks.
    this.pushLicense(c, wingtip, spec("Exchange Online (Plan 1)", termFrom(addDays(asOf, -315), 12, 2), 60));
    // Legacy commerce license: cannot be transferred (R11b).
    this.pushLicense(
      c,
      wingtip,
      spec("Office 365 E3", termFrom(addDays(asOf, -200), 12, 5), 120, SubscriptionStatus.ACTIVE, CommerceModel.LEGACY),
    );
    // Suspended inside its term (can be reactivated) and after its term ended (cannot: R31).
    this.pushLicense(
      c,
      wingtip,
      spec("Power BI Pro", termFrom(addDays(asOf, -100), 12, 1), 15, SubscriptionStatus.SUSPENDED),
    );
    this.pushLicense(
      c,
      wingtip,
      spec("Visio Plan 2", termEndingOn(addDays(asOf, -10), 12, 1), 5, SubscriptionStatus.SUSPENDED),
    );
    this.pushLicense(
      c,
      wingtip,
      spec("Project Plan 3", termEndingOn(addDays(asOf, -120), 12, 0), 8, SubscriptionStatus.DELETED),
    );
    this.azure(c, wingtip, false);
    // Bought from First Up Consultants (the lines of the pending transfer to Trey Research + Wingtip).
    this.pushLicense(c, firstup, spec("Microsoft 365 Business Standard", termFrom(addDays(asOf, -150), 12, 1), 30));
    this.pushLicense(c, firstup, spec("Dynamics 365 Sales Professional", termFrom(addDays(asOf, -60), 12, 0), 10));
    this.pushLicense(c, firstup, spec("Microsoft Teams Essentials", termFrom(addDays(asOf, -20), 12, 0), 25));
    // Multi-channel: live Azure under an Enterprise Agreement (R8), and the EA Microsoft 365 it moved to CSP from.
    this.otherChannel(plan, SalesChannel.EA, { offer: "Microsoft Azure Enterprise (MS-AZR-0017P)", live: true });
    this.subscriptions.push({
      key: this.nextSubKey(),
      customer: c,
      offerName: "Microsoft 365 E3",
      offerId: "CFQ7TTC0LFLX:0001",
      offerKind: OfferKind.LICENSE_BASED,
      commerceModel: CommerceModel.LEGACY,
      channel: SalesChannel.EA,
      status: SubscriptionStatus.EXPIRED,
      transactingPartner: null,
      resellerOfRecord: null,
      ...termEndingOn(addDays(asOf, -30), 36, 0),
      quantity: 150,
      isAzurePlan: false,
      parent: null,
      termDuration: TermDuration.P3Y,
      billingCycle: BillingCycle.ANNUAL,
      autoRenew: false,
    });
  }

  // --- transfers -------------------------------------------------------------------------------------------

  private buildTransfers(): void {
    const rng = new Rng(SEED + 6);
    const inTransfer = new Set<string>();
    const byCustomer = new Map<string, WorldSubscription[]>();
    for (const s of this.subscriptions) {
      const list = byCustomer.get(s.customer) ?? [];
      list.push(s);
      byCustomer.set(s.customer, list);
    }
    // Lines existed when the transfer was created; a completed transfer ended the term that was running then.
    const lineCandidates = (customer: string, a: Arrangement, createdAt: string, completed: boolean) =>
      (byCustomer.get(customer) ?? []).filter(
        (s) =>
          !inTransfer.has(s.key) &&
          (completed ? (s.renewalDate ?? s.purchaseDate) : s.purchaseDate) < createdAt &&
          s.channel === SalesChannel.CSP &&
          s.status === SubscriptionStatus.ACTIVE &&
          s.commerceModel === CommerceModel.NEW_COMMERCE &&
          s.offerKind === OfferKind.LICENSE_BASED &&
          s.parent === null &&
          s.transactingPartner === a.transacting &&
          s.resellerOfRecord === a.reseller,
      );
    const addOnsOf = (customer: string, base: string) =>
      (byCustomer.get(customer) ?? []).filter((s) => s.parent === base && s.status === SubscriptionStatus.ACTIVE);
    const azurePlanOf = (customer: string, a: Arrangement, createdAt: string) =>
      (byCustomer.get(customer) ?? []).find(
        (s) =>
          s.isAzurePlan &&
          s.purchaseDate < createdAt &&
          s.status === SubscriptionStatus.ACTIVE &&
          s.transactingPartner === a.transacting &&
          !inTransfer.has(s.key),
      );

    const create = (
      plan: CustomerPlan,
      source: Arrangement,
      target: Arrangement,
      status: TransferStatus,
      daysAgo: number,
      maxLines: number,
      withAzure: boolean,
    ): boolean => {
      const c = plan.customer.key;
      const createdAt = addDays(this.asOf, -daysAgo);
      const completed = status === TransferStatus.COMPLETED;
      const bases = lineCandidates(c, source, createdAt, completed).slice(0, maxLines);
      if (bases.length === 0) return false;
      const lines = bases.flatMap((b) => [b, ...addOnsOf(c, b.key).filter((s) => s.purchaseDate < createdAt)]);
      const sourcePlan = azurePlanOf(c, source, createdAt);
      if (withAzure && !completed && sourcePlan !== undefined && azurePlanOf(c, target, createdAt) !== undefined) {
        lines.push(sourcePlan);
      }
      for (const s of lines) inTransfer.add(s.key);
      this.transfers.push({
        key: `transfer-${String(this.transfers.length + 1).padStart(2, "0")}`,
        customer: c,
        source: source.transacting,
        target: target.transacting,
        reseller: target.reseller,
        status,
        createdAt,
        subscriptions: lines.map((s) => s.key),
      });
      if (completed) this.completeTransfer(lines, target, addDays(createdAt, 2));
      return true;
    };

    const contoso = this.plans.find((p) => p.customer.name === "Contoso Ltd.");
    const [wingtip, firstup] = contoso?.arrangements ?? [];
    if (contoso === undefined || wingtip === undefined || firstup === undefined) throw new Error("no Contoso");
    // The demo's transfer: Trey Research (with Wingtip) asked two days ago to take over First Up's subscriptions.
    create(contoso, firstup, wingtip, TransferStatus.PENDING, 2, 2, false);

    const specs: Array<[TransferStatus, number]> = [
      [TransferStatus.PENDING, 5],
      [TransferStatus.PENDING, 11],
      [TransferStatus.PENDING, 24],
      [TransferStatus.PENDING, 38], // expired by time: created more than 30 days ago
      [TransferStatus.PENDING, 61], // expired by time
      [TransferStatus.ACCEPTED, 1],
      [TransferStatus.ACCEPTED, 3],
      [TransferStatus.COMPLETED, 16],
      [TransferStatus.COMPLETED, 74],
      [TransferStatus.COMPLETED, 190],
      [TransferStatus.REJECTED, 9],
      [TransferStatus.REJECTED, 52],
      [TransferStatus.WITHDRAWN, 6],
      [TransferStatus.WITHDRAWN, 33],
      [TransferStatus.EXPIRED, 45],
      [TransferStatus.EXPIRED, 120],
    ];
    const candidates = rng.shuffle(
      this.plans.filter(
        (p) =>
          p !== contoso &&
          p.cspAllowed &&
          p.arrangements.filter((a) => a.status === RelationshipStatus.ACTIVE).length >= 2,
      ),
    );
    // A transfer request names a reseller the target could name (R23–R26): no suspended or non-compliant one.
    const canTarget = (a: Arrangement) => {
      if (a.reseller === null) return true;
      const r = RESELLERS.find((x) => x.key === a.reseller);
      const provider = this.defs.get(a.transacting);
      return (
        r !== undefined &&
        r.partnership === A &&
        r.mpaSigned !== false &&
        (r.programStatus ?? ProgramStatus.ACTIVE) === ProgramStatus.ACTIVE &&
        r.country === provider?.country
      );
    };
    let next = 0;
    for (const [status, daysAgo] of specs) {
      while (next < candidates.length) {
        const plan = candidates[next++];
        if (plan === undefined) break;
        const active = plan.arrangements.filter((a) => a.status === RelationshipStatus.ACTIVE);
        const [first, second] = rng.chance(0.5) ? active : [...active].reverse();
        if (first === undefined || second === undefined) continue;
        const withAzure = rng.chance(0.4);
        const lines = rng.int(1, 3);
        if (canTarget(second) && create(plan, first, second, status, daysAgo, lines, withAzure)) break;
        if (canTarget(first) && create(plan, second, first, status, daysAgo, lines, withAzure)) break;
      }
    }
  }

  /** The target bought replacements when the transfer completed; the source's subscriptions were deleted. */
  private completeTransfer(lines: WorldSubscription[], target: Arrangement, completedOn: string): void {
    const replacement = new Map<string, string>();
    for (const s of lines) {
      const months = TERM_MONTHS[s.termDuration ?? TermDuration.P1Y];
      let start = s.renewalDate ?? s.purchaseDate;
      let end = s.commitmentEndDate;
      let renewed = false;
      while (end < this.asOf) {
        start = addDays(end, 1);
        end = termEndDate(start, months);
        renewed = true;
      }
      const key = this.nextSubKey();
      replacement.set(s.key, key);
      this.subscriptions.push({
        ...s,
        key,
        status: SubscriptionStatus.ACTIVE,
        transactingPartner: target.transacting,
        resellerOfRecord: target.reseller,
        purchaseDate: completedOn,
        renewalDate: renewed ? start : null,
        commitmentEndDate: end,
        parent: s.parent === null ? null : (replacement.get(s.parent) ?? null),
        autoRenew: true,
      });
      s.status = SubscriptionStatus.DELETED;
      s.autoRenew = false;
    }
  }

  // --- users -----------------------------------------------------------------------------------------------

  private buildUsers(): void {
    const rng = this.people;
    const demoEmail: Record<string, string> = {
      trey: DEMO_USERS.distributor.email,
      wingtip: DEMO_USERS.reseller.email,
      firstup: DEMO_USERS.directBill.email,
    };
    const allRoles = [
      UserRole.GLOBAL_ADMIN,
      UserRole.ADMIN_AGENT,
      UserRole.SALES_AGENT,
      UserRole.HELPDESK_AGENT,
      UserRole.BILLING_ADMIN,
    ];
    for (const p of this.partners) {
      const def = this.defs.get(p.key);
      if (def === undefined) continue;
      const isReseller = p.types.includes(PartnerType.INDIRECT_RESELLER) && p.types.length === 1;
      const roles =
        !isReseller || p.key === "wingtip"
          ? [...allRoles, UserRole.SALES_AGENT]
          : [
              UserRole.GLOBAL_ADMIN,
              UserRole.ADMIN_AGENT,
              ...(rng.chance(0.6) ? [UserRole.SALES_AGENT] : []),
              ...(rng.chance(0.4) ? [UserRole.HELPDESK_AGENT] : []),
            ];
      const [firsts, lasts] =
        p.country === "PT"
          ? [PT_FIRST, PT_SURNAMES]
          : p.country === "BR"
            ? [BR_FIRST, PT_SURNAMES]
            : [EN_FIRST, EN_LAST];
      const used = new Set<string>();
      roles.forEach((role, i) => {
        const demo = i === 0 ? demoEmail[p.key] : undefined;
        let displayName = DEMO_ADMIN_NAMES[p.key];
        if (demo === undefined || displayName === undefined) {
          do displayName = `${rng.pick(firsts)} ${rng.pick(lasts)}`;
          while (used.has(displayName));
        }
        used.add(displayName);
        const local = displayName
          .split(" ")
          .map((part) => slugify(part))
          .join(".");
        this.users.push({
          partner: p.key,
          email: demo ?? `${local}@${def.slug}.example`,
          displayName,
          role,
        });
      });
    }
    // One user management admin, at the distributor (named without the random source, so the rest is unchanged).
    const distributor = this.defs.get("trey");
    if (distributor !== undefined) {
      this.users.push({
        partner: "trey",
        email: `user.admin@${distributor.slug}.example`,
        displayName: "User Admin",
        role: UserRole.USER_MANAGEMENT_ADMIN,
      });
    }
  }
}

function offerByName(name: string): LicenseOffer {
  const offer = LICENSE_OFFERS.find((o) => o.name === name);
  if (offer !== undefined) return offer;
  if (ADD_ON_OFFERS[name] !== undefined)
    return { name, nce: ADD_ON_OFFERS[name], legacy: null, weight: 0, seatFactor: 1 };
  throw new Error(`unknown offer ${name}`);
}

/** The demo network as of a date (YYYY-MM-DD). Same input, same world. */
export function buildDemoWorld(asOf: string): World {
  if (!isIsoDate(asOf)) throw new Error(`asOf must be a date as YYYY-MM-DD, got "${asOf}"`);
  return new DemoWorldBuilder(asOf).build();
}
