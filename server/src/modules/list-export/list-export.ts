import type { Request, Response } from "express";
import {
  coerceInputValue,
  GraphQLError,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLSchema,
} from "graphql";
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { buildContext } from "../../auth/request-context";
import { ensureAllowed } from "../../auth/permissions";
import { MAX_PAGE_SIZE, paginate, SortDirection, type KeysetOrder, type Page } from "../../common/connection";
import { toGlobalId } from "../../common/global-id";
import { logger } from "../../common/log";
import type { AppConfig } from "../../config";
import { readContext, type ServiceContext } from "../../service-context";
import { csvField, failure, param } from "../audit/audit.export";
import { customerOrder, customerService } from "../customer/customer.service";
import type { Customer } from "../customer/customer.entity";
import type { CustomerFilter, CustomerOrder } from "../customer/customer.types";
import type { CustomerSubscription } from "../subscription/customer-subscription.entity";
import { sortedSubscriptionQuery, subscriptionOrder } from "../subscription/subscription.service";
import type { SubscriptionFilter, SubscriptionOrder } from "../subscription/subscription.types";
import { partnershipOrder, partnershipService } from "../partner/partnership.service";
import type { ResellerPartnership } from "../partner/reseller-partnership.entity";
import type { PartnershipFilter, PartnershipOrder } from "../partner/partner.types";
import { TransferService, transferOrder } from "../transfer/transfer.service";
import type { Transfer } from "../transfer/transfer.entity";
import { effectiveStatus } from "../transfer/transfer.status";
import type { TransferFilter, TransferOrder } from "../transfer/transfer.types";
import { ProviderRequestService, providerRequestOrder } from "../provider-request/provider-request.service";
import type { ProviderRequest } from "../provider-request/provider-request.entity";
import type { ProviderRequestFilter, ProviderRequestOrder } from "../provider-request/provider-request.types";

const transferService = new TransferService();
const providerRequestService = new ProviderRequestService();

/** How one list exports: its GraphQL row of the permission matrix, filter and order types, query, and CSV columns. */
interface ListExport<T extends ObjectLiteral, F, O> {
  permission: string;
  filterType: string;
  orderType: string;
  query: (s: ServiceContext, filter: F | null, orderBy: O | null) => SelectQueryBuilder<T>;
  order: (orderBy: O | null) => KeysetOrder<T>;
  /** The header and each row's cells; `prepare` loads what a page's rows refer to, in one batch per page. */
  columns: readonly string[];
  prepare?: (s: ServiceContext, rows: T[]) => Promise<void>;
  cells: (s: ServiceContext, row: T) => Promise<(string | null)[]> | (string | null)[];
}

const SUBSCRIPTIONS: ListExport<CustomerSubscription, SubscriptionFilter, SubscriptionOrder> = {
  permission: "Query.subscriptions",
  filterType: "SubscriptionFilter",
  orderType: "SubscriptionOrder",
  query: sortedSubscriptionQuery,
  order: subscriptionOrder,
  columns: [
    "id",
    "offerName",
    "offerId",
    "customer",
    "customerDomain",
    "status",
    "channel",
    "quantity",
    "autoRenew",
    "termDuration",
    "billingCycle",
    "purchaseDate",
    "termEnd",
    "transactingPartner",
    "resellerOfRecord",
  ],
  // The page's customers and partners through the request's loaders: one query each per page, not per row.
  prepare: async (s, rows) => {
    await Promise.all([
      s.loaders.customer.loadMany(rows.map((r) => r.customerId)),
      s.loaders.partner.loadMany(
        rows.flatMap((r) => [r.transactingPartnerId, r.resellerOfRecordId]).filter((id): id is string => !!id),
      ),
    ]);
  },
  cells: async (s, r) => {
    const [customer, transacting, reseller] = await Promise.all([
      s.loaders.customer.load(r.customerId),
      r.transactingPartnerId ? s.loaders.partner.load(r.transactingPartnerId) : null,
      r.resellerOfRecordId ? s.loaders.partner.load(r.resellerOfRecordId) : null,
    ]);
    return [
      toGlobalId("CustomerSubscription", r.id),
      r.offerName,
      r.offerId,
      customer?.name ?? null,
      customer?.domain ?? null,
      r.status,
      r.channel,
      String(r.quantity),
      String(r.autoRenew),
      r.termDuration,
      r.billingCycle,
      r.purchaseDate,
      r.commitmentEndDate,
      transacting?.name ?? null,
      reseller?.name ?? null,
    ];
  },
};

const CUSTOMERS: ListExport<Customer, CustomerFilter, CustomerOrder> = {
  permission: "Query.customers",
  filterType: "CustomerFilter",
  orderType: "CustomerOrder",
  query: (s, filter) => customerService.query(s, filter),
  order: customerOrder,
  columns: ["id", "name", "domain", "tenantId", "country", "mcaAccepted", "createdAt"],
  cells: (_s, c) => [
    toGlobalId("Customer", c.id),
    c.name,
    c.domain,
    c.tenantId,
    c.country,
    String(c.mcaAccepted),
    c.createdAt.toISOString(),
  ],
};

/** Loads the partners and customers a page of rows names, one query each per page (not per row). */
const preload = (s: ServiceContext, partnerIds: (string | null)[], customerIds: string[] = []) =>
  Promise.all([
    s.loaders.partner.loadMany(partnerIds.filter((id): id is string => !!id)),
    s.loaders.customer.loadMany(customerIds),
  ]);
const partnerName = async (s: ServiceContext, id: string | null) =>
  (id ? (await s.loaders.partner.load(id))?.name : null) ?? null;

const RESELLERS: ListExport<ResellerPartnership, PartnershipFilter, PartnershipOrder> = {
  permission: "Query.resellers",
  filterType: "PartnershipFilter",
  orderType: "PartnershipOrder",
  query: (s, filter) => partnershipService.query(s, "provider", filter),
  order: (orderBy) => partnershipOrder("provider", orderBy),
  // Counts and compliance flags are computed per reseller in the app; the export is the partnership list itself.
  columns: ["id", "reseller", "partnerId", "country", "status", "invitedAt", "acceptedAt", "removedAt"],
  cells: (s, rp) => {
    const reseller = rp.reseller!;
    // A counterpart known only through an invitation shows its name and Partner ID only (auth/scope.ts).
    const country = s.scope.mayDescribePartner(reseller.id) ? reseller.country : null;
    return [
      toGlobalId("Partner", reseller.id),
      reseller.name,
      reseller.partnerId,
      country,
      rp.status,
      rp.invitedAt.toISOString(),
      rp.acceptedAt?.toISOString() ?? null,
      rp.removedAt?.toISOString() ?? null,
    ];
  },
};

const TRANSFERS: ListExport<Transfer, TransferFilter, TransferOrder> = {
  permission: "Query.transfers",
  filterType: "TransferFilter",
  orderType: "TransferOrder",
  query: (s, filter, orderBy) => transferService.query(s, filter, orderBy),
  order: transferOrder,
  columns: ["id", "customer", "status", "source", "target", "reseller", "createdAt", "respondedAt"],
  prepare: async (s, rows) => {
    await preload(
      s,
      rows.flatMap((t) => [t.sourcePartnerId, t.targetPartnerId, t.resellerId]),
      rows.map((t) => t.customerId),
    );
  },
  cells: async (s, t) => [
    toGlobalId("Transfer", t.id),
    (await s.loaders.customer.load(t.customerId))?.name ?? null,
    effectiveStatus(t, s.today),
    await partnerName(s, t.sourcePartnerId),
    await partnerName(s, t.targetPartnerId),
    await partnerName(s, t.resellerId),
    t.createdAt.toISOString(),
    t.respondedAt?.toISOString() ?? null,
  ],
};

const REQUESTS: ListExport<ProviderRequest, ProviderRequestFilter, ProviderRequestOrder> = {
  permission: "Query.providerRequests",
  filterType: "ProviderRequestFilter",
  orderType: "ProviderRequestOrder",
  query: (s, filter) => providerRequestService.query(s, filter),
  order: providerRequestOrder,
  columns: [
    "id",
    "action",
    "status",
    "customer",
    "offerName",
    "quantity",
    "reseller",
    "provider",
    "createdAt",
    "respondedAt",
  ],
  prepare: async (s, rows) => {
    await preload(
      s,
      rows.flatMap((r) => [r.resellerId, r.providerId]),
      rows.map((r) => r.customerId),
    );
  },
  cells: async (s, r) => [
    toGlobalId("ProviderRequest", r.id),
    r.action,
    r.status,
    (await s.loaders.customer.load(r.customerId))?.name ?? null,
    r.offerName,
    r.quantity === null ? null : String(r.quantity),
    await partnerName(s, r.resellerId),
    await partnerName(s, r.providerId),
    r.createdAt.toISOString(),
    r.respondedAt?.toISOString() ?? null,
  ],
};

const EXPORTS = {
  subscriptions: SUBSCRIPTIONS,
  customers: CUSTOMERS,
  resellers: RESELLERS,
  transfers: TRANSFERS,
  requests: REQUESTS,
} as const;
export type ExportedList = keyof typeof EXPORTS;

const badInput = (field: string, message: string) =>
  new GraphQLError(`${field}: ${message}`, { extensions: { code: "BAD_USER_INPUT", field } });

/**
 * The list's filter from the query string, checked by the same GraphQL input type as the list's `filter` argument:
 * `?status=ACTIVE,SUSPENDED&termEndsBefore=2026-12-31&search=teams`. A list field takes comma-separated values.
 */
export function filterFromQuery(req: Request, type: GraphQLInputObjectType): Record<string, unknown> | null {
  const raw: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(type.getFields())) {
    const value = param(req, name);
    if (value === null) continue;
    if (value.length > 1000) throw badInput(`filter.${name}`, "is too long");
    const unwrapped = isNonNullType(field.type) ? field.type.ofType : field.type;
    const named = getNamedType(field.type).name;
    const scalar = (v: string): unknown =>
      named === "Boolean" ? (v === "true" ? true : v === "false" ? false : v) : named === "Int" ? Number(v) : v;
    raw[name] = isListType(unwrapped) ? value.split(",").map(scalar) : scalar(value);
  }
  for (const key of Object.keys(req.query)) {
    if (key !== "sort" && !(key in type.getFields())) throw badInput(key, "is not a filter of this list");
  }
  if (Object.keys(raw).length === 0) return null;
  return coerce(raw, type, "filter") as Record<string, unknown>;
}

function coerce(value: unknown, type: GraphQLInputType, field: string): unknown {
  let first: GraphQLError | null = null;
  const coerced = coerceInputValue(value, type, (path, _invalid, error) => {
    first ??= badInput([field, ...path].join("."), error.message.replace(/^Expected value of type/, "expected"));
  });
  if (first) throw first;
  return coerced;
}

/** `sort=FIELD:ASC|DESC`, checked against the list's sort keys (the same whitelist as `orderBy`). */
function orderFromQuery(req: Request, type: GraphQLInputObjectType): Record<string, unknown> | null {
  const sort = param(req, "sort");
  if (sort === null) return null;
  const [field, direction = SortDirection.ASC] = sort.split(":");
  return coerce({ field, direction }, type, "sort") as Record<string, unknown>;
}

/**
 * GET /export/{subscriptions,customers,resellers,transfers,requests}.csv?<filter>&sort=FIELD:DIR — the whole filtered list, in the list's order,
 * streamed page by page (keyset, MAX_PAGE_SIZE rows per query) with the same sign-in, permission row and tenant
 * scope as the GraphQL list. Cells a spreadsheet would run as formulas are defused (csvField).
 */
export function listCsvExport(dataSource: DataSource, config: AppConfig, schema: GraphQLSchema) {
  return async (req: Request, res: Response): Promise<void> => {
    const list = req.params.list as string;
    const spec = Object.hasOwn(EXPORTS, list) ? EXPORTS[list as ExportedList] : null;
    if (!spec) {
      res.status(404).json({ error: "No such export" });
      return;
    }
    await run(
      spec as unknown as ListExport<ObjectLiteral, unknown, unknown>,
      list,
      req,
      res,
      dataSource,
      config,
      schema,
    );
  };
}

async function run(
  spec: ListExport<ObjectLiteral, unknown, unknown>,
  list: string,
  req: Request,
  res: Response,
  dataSource: DataSource,
  config: AppConfig,
  schema: GraphQLSchema,
): Promise<void> {
  let started = false;
  try {
    const ctx = await buildContext(req, dataSource, config);
    ensureAllowed(spec.permission, ctx);
    const s = readContext(ctx);
    const filterType = schema.getType(spec.filterType);
    const orderType = schema.getType(spec.orderType);
    if (!isInputObjectType(filterType) || !isInputObjectType(orderType)) throw new Error(`no ${spec.filterType}`);
    const filter = filterFromQuery(req, filterType);
    const orderBy = orderFromQuery(req, orderType);
    const order = spec.order(orderBy);
    // The total goes out first, as a header, so the SPA can show progress while the rows stream.
    const total = await spec.query(s, filter, orderBy).getCount();
    let after: string | null = null;
    res.status(200);
    res.setHeader("content-type", "text/csv; charset=utf-8");
    res.setHeader("content-disposition", `attachment; filename="${list}.csv"`);
    res.setHeader("cache-control", "no-store");
    res.setHeader("x-total-count", String(total));
    res.write(spec.columns.join(",") + "\r\n");
    started = true;
    do {
      const page: Page<ObjectLiteral> = await paginate(
        spec.query(s, filter, orderBy),
        { first: MAX_PAGE_SIZE, after },
        order,
      );
      await spec.prepare?.(s, page.nodes);
      let chunk = "";
      for (const row of page.nodes) chunk += (await spec.cells(s, row)).map(csvField).join(",") + "\r\n";
      if (!res.write(chunk)) await new Promise((resolve) => res.once("drain", resolve));
      after = page.hasNextPage ? (page.cursors[page.cursors.length - 1] ?? null) : null;
    } while (after);
    res.end();
  } catch (error) {
    if (started) {
      logger.error({ err: error instanceof Error ? error.message : String(error) }, `${list} export cut short`);
      res.destroy();
    } else {
      failure(res, error);
    }
  }
}
