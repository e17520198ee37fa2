import { randomBytes, randomUUID } from "node:crypto";
import type { Server } from "node:http";
import express, { type NextFunction, type Request, type Response } from "express";
import { TransferStatus } from "../../domain/enums";
import type {
  PcAgreement,
  PcAgreementSignatureStatus,
  PcAzureEntitlement,
  PcSku,
  PcCollection,
  PcCustomer,
  PcError,
  PcMpnProfile,
  PcOrganizationProfile,
  PcPartnerRelationship,
  PcTransferEntity,
  TokenResponse,
} from "../resources";
import { PARTNER_CENTER_RESOURCE } from "../resources";
import { mountAuditRecords } from "./audit-records";
import { mountWebhooks } from "./webhooks";
import {
  activeProvidersOf,
  activeResellersOf,
  billingCycleOf,
  customersOf,
  delegatedAccess,
  stableGuid,
  subscriptionsOf,
  transfersOf,
  type EmuPartner,
  type EmulatorState,
} from "./state";
import { orderBody, softwareEntitlements, softwareOf } from "./software";
import { BILLING_CYCLE, isoDateTime, subscriptionBody } from "./subscription-body";
import { mountWrites, type EmulatorWrites } from "./writes";

// A Partner Center emulator: the token endpoint of Microsoft Entra ID (v1, as Partner Center authentication uses
// it) and the read endpoints of Partner Center's REST API v1 that channelgate's sync calls, with the JSON shapes of
// Microsoft's documented examples. Every route names its page. Throttling and faults can be injected.

export interface EmulatorOptions {
  /** App registrations the token endpoint accepts (client id → secret). */
  clients: Record<string, string>;
  /** Access-token lifetime in seconds (Entra ID issues about an hour). */
  tokenLifetimeSeconds?: number;
  /** Answer 429 (with Retry-After) on every Nth API call (0: never). */
  every429?: number;
  /** Answer 503 on every Nth API call (0: never); 429 wins when both hit. */
  every503?: number;
  /** Retry-After seconds sent with an injected 429 (decimals allowed for tests). */
  retryAfterSeconds?: number;
  /** API calls per partner tenant per minute before 429 (0: no limit); Partner Center throttles per tenant. */
  rateLimitPerMinute?: number;
}

export interface EmulatorCall {
  method: string;
  path: string;
  status: number;
  requestId: string | undefined;
  correlationId: string | undefined;
}

export interface RunningEmulator {
  url: string;
  /** API calls seen (the token endpoint excluded). */
  calls: EmulatorCall[];
  /** Token requests seen, by grant type. */
  tokenRequests: string[];
  /** A refresh token for a partner's tenant, as an app + user consent would give one (for dev and tests). */
  refreshTokenFor(tenantId: string): string;
  /** Orders placed, changes made and write faults to inject (emulator/writes.ts). */
  writes: EmulatorWrites;
  close(): Promise<void>;
}

interface Grant {
  tenantId: string;
  /** App + user (delegated) token; the relationship endpoints need one. */
  appPlusUser: boolean;
  expiresAt: number;
}

const COLLECTION = { objectType: "Collection" } as const;

function collection<T>(items: T[], links?: PcCollection<T>["links"]): PcCollection<T> {
  return { totalCount: items.length, items, ...(links ? { links } : {}), attributes: COLLECTION };
}

export function pcError(res: Response, status: number, code: number, description: string): void {
  const body: PcError = { code, description, data: [], source: "PartnerFD" };
  res.status(status).json(body);
}

export function createEmulatorApp(
  state: EmulatorState,
  options: EmulatorOptions,
  /** The emulator's own address (set once it listens), for the URIs its webhooks carry. */
  selfUrl: { value: string } = { value: "http://127.0.0.1" },
) {
  const app = express();
  app.disable("x-powered-by");
  const grants = new Map<string, Grant>();
  const refreshTokens = new Map<string, string>();
  const calls: EmulatorCall[] = [];
  const tokenRequests: string[] = [];
  const lifetime = options.tokenLifetimeSeconds ?? 3599;
  let callCount = 0;
  const windows = new Map<string, { start: number; count: number }>();

  const refreshTokenFor = (tenantId: string): string => {
    const existing = [...refreshTokens.entries()].find(([, t]) => t === tenantId);
    if (existing) return existing[0];
    const token = `emu-rt-${stableGuid(`refresh:${tenantId}`)}`;
    refreshTokens.set(token, tenantId);
    return token;
  };

  // Entra ID v1 token endpoint, as Partner Center authentication documents it:
  // https://learn.microsoft.com/partner-center/developer/partner-center-authentication (app-only:
  // grant_type=client_credentials + resource; app + user: grant_type=refresh_token, secure application model,
  // https://learn.microsoft.com/partner-center/developer/enable-secure-app-model).
  app.post("/:tenant/oauth2/token", express.urlencoded({ extended: false, limit: "16kb" }), (req, res) => {
    const tenant = String(req.params.tenant);
    const body = req.body as Record<string, string | undefined>;
    tokenRequests.push(body.grant_type ?? "");
    const partner = state.partnersByTenant.get(tenant);
    if (!partner) {
      res.status(400).json({ error: "invalid_request", error_description: `Tenant '${tenant}' not found.` });
      return;
    }
    const clientId = body.client_id ?? "";
    if (options.clients[clientId] === undefined || options.clients[clientId] !== body.client_secret) {
      res.status(401).json({ error: "invalid_client", error_description: "Invalid client secret is provided." });
      return;
    }
    let appPlusUser: boolean;
    let refresh: string | undefined;
    if (body.grant_type === "client_credentials") {
      appPlusUser = false;
    } else if (body.grant_type === "refresh_token") {
      const owner = body.refresh_token ? refreshTokens.get(body.refresh_token) : undefined;
      if (owner !== tenant) {
        res.status(400).json({ error: "invalid_grant", error_description: "The refresh token is invalid." });
        return;
      }
      appPlusUser = true;
      refresh = body.refresh_token;
    } else {
      res.status(400).json({ error: "unsupported_grant_type", error_description: "Unsupported grant type." });
      return;
    }
    const accessToken = randomBytes(24).toString("base64url");
    const now = Math.floor(Date.now() / 1000);
    grants.set(accessToken, { tenantId: tenant, appPlusUser, expiresAt: (now + lifetime) * 1000 });
    const answer: TokenResponse = {
      token_type: "Bearer",
      expires_in: String(lifetime),
      ext_expires_in: String(lifetime),
      expires_on: String(now + lifetime),
      not_before: String(now),
      resource: body.resource ?? PARTNER_CENTER_RESOURCE,
      access_token: accessToken,
      ...(refresh ? { refresh_token: refresh, scope: "user_impersonation" } : {}),
    };
    res.json(answer);
  });

  // Every API call: the bearer token, the request ids echoed back (Partner Center REST headers,
  // https://learn.microsoft.com/partner-center/developer/headers), throttling and injected faults
  // (https://learn.microsoft.com/partner-center/developer/api-throttling-guidance: 429 with Retry-After).
  app.use("/v1", (req: Request, res: Response, next: NextFunction) => {
    const call: EmulatorCall = {
      method: req.method,
      path: req.originalUrl,
      status: 0,
      requestId: req.get("MS-RequestId"),
      correlationId: req.get("MS-CorrelationId"),
    };
    calls.push(call);
    res.on("finish", () => {
      call.status = res.statusCode;
    });
    if (call.requestId) res.set("MS-RequestId", call.requestId);
    if (call.correlationId) res.set("MS-CorrelationId", call.correlationId);
    const auth = req.get("authorization") ?? "";
    const grant = auth.startsWith("Bearer ") ? grants.get(auth.slice(7)) : undefined;
    if (!grant || grant.expiresAt <= Date.now()) {
      res.status(401).end();
      return;
    }
    callCount += 1;
    const retryAfter = String(options.retryAfterSeconds ?? 1);
    if (options.every429 && callCount % options.every429 === 0) {
      res.set("Retry-After", retryAfter);
      pcError(res, 429, 429, "Rate limit is exceeded. Try again later.");
      return;
    }
    if (options.every503 && callCount % options.every503 === 0) {
      res.status(503).end();
      return;
    }
    if (options.rateLimitPerMinute) {
      const now = Date.now();
      const w = windows.get(grant.tenantId);
      if (!w || now - w.start >= 60_000) windows.set(grant.tenantId, { start: now, count: 1 });
      else if (++w.count > options.rateLimitPerMinute) {
        res.set("Retry-After", String(Math.ceil((w.start + 60_000 - now) / 1000)));
        pcError(res, 429, 429, "Rate limit is exceeded. Try again later.");
        return;
      }
    }
    res.locals.grant = grant;
    res.locals.partner = state.partnersByTenant.get(grant.tenantId);
    next();
  });

  const partnerOf = (res: Response): EmuPartner => res.locals.partner as EmuPartner;
  const needsAppPlusUser = (res: Response): boolean => {
    if ((res.locals.grant as Grant).appPlusUser) return false;
    pcError(res, 403, 403, "This operation requires App+User credentials.");
    return true;
  };

  // Write-through endpoints (carts, checkout, subscription PATCH, transfers, relationship requests): emulator/writes.ts.
  // Mounted first: /v1/customers/relationshiprequests must not be taken for a customer id.
  const writes = mountWrites(app, state, { partnerOf, pcError, needsAppPlusUser });

  // https://learn.microsoft.com/partner-center/developer/get-an-organization-profile
  app.get("/v1/profiles/organization", (_req, res) => {
    const p = partnerOf(res);
    const body: PcOrganizationProfile = {
      id: stableGuid(`organization-profile:${p.key}`),
      companyName: p.name,
      defaultAddress: { country: p.country },
      tenantId: p.tenantId,
      profileType: "OrganizationProfile",
      links: { self: { uri: "/profiles/organization", method: "GET", headers: [] } },
      attributes: { objectType: "OrganizationProfile" },
    };
    res.json(body);
  });

  // https://learn.microsoft.com/partner-center/developer/get-mpn-profile (own profile, or ?mpnId= another's)
  app.get("/v1/profiles/mpn", (req, res) => {
    const mpnId = typeof req.query.mpnId === "string" ? req.query.mpnId : undefined;
    const p = mpnId ? [...state.partners.values()].find((x) => x.partnerId === mpnId) : partnerOf(res);
    if (!p) {
      pcError(res, 404, 3000, `Partner Organization with partner_id ${mpnId} could not be found`);
      return;
    }
    const body: PcMpnProfile = {
      partnerName: p.name,
      mpnId: p.partnerId,
      profileType: "MpnProfile",
      links: { self: { uri: "/profiles/mpn", method: "GET", headers: [] } },
      attributes: { objectType: "MpnProfile" },
    };
    res.json(body);
  });

  const relationship = (
    key: string,
    type: PcPartnerRelationship["relationshipType"],
    withState: boolean,
  ): PcPartnerRelationship => {
    const p = state.partners.get(key)!;
    return {
      id: p.tenantId,
      name: p.name,
      relationshipType: type,
      ...(withState ? { state: "Active", location: p.country } : {}),
      mpnId: p.partnerId,
      attributes: { objectType: "PartnerRelationship" },
    };
  };

  // https://learn.microsoft.com/partner-center/developer/retrieve-a-list-of-indirect-resellers (App+User only)
  app.get("/v1/relationships", (req, res) => {
    if (needsAppPlusUser(res)) return;
    const p = partnerOf(res);
    const type = req.query.relationship_type;
    if (type === "IsIndirectCloudSolutionProviderOf") {
      const items = activeResellersOf(state, p.key).map((k) =>
        relationship(k, "is_indirect_cloud_solution_provider_of", true),
      );
      res.json(collection(items));
    } else if (type === "IsIndirectResellerOf") {
      const items = activeProvidersOf(state, p.key).map((k) => relationship(k, "is_indirect_reseller_of", true));
      res.json(collection(items));
    } else {
      pcError(res, 400, 400, "relationship_type must be IsIndirectCloudSolutionProviderOf or IsIndirectResellerOf.");
    }
  });

  const customerBody = (key: string, partner: EmuPartner, detailed: boolean): PcCustomer => {
    const c = state.customers.get(key)!;
    return {
      id: c.id,
      ...(detailed ? { commerceId: stableGuid(`commerce:${c.key}`) } : {}),
      companyProfile: {
        tenantId: c.id,
        domain: c.domain,
        companyName: c.name,
        ...(detailed ? { address: { country: c.country } } : {}),
        attributes: { objectType: "CustomerCompanyProfile" },
      },
      ...(detailed
        ? {
            billingProfile: {
              defaultAddress: { country: c.country },
              attributes: { objectType: "CustomerBillingProfile" },
            },
            allowDelegatedAccess: delegatedAccess(state, partner.key, key),
          }
        : {}),
      relationshipToPartner: "reseller",
      links: { self: { uri: `/customers/${c.id}`, method: "GET", headers: [] } },
      attributes: { objectType: "Customer" },
    };
  };

  // https://learn.microsoft.com/partner-center/developer/get-a-list-of-customers (size; the next page through
  // links.next, whose headers carry MS-ContinuationToken)
  app.get("/v1/customers", (req, res) => {
    const p = partnerOf(res);
    const size = Math.min(Math.max(Number(req.query.size ?? 40) || 40, 1), 500);
    let offset = 0;
    if (req.query.seekOperation === "Next") {
      const token = req.get("MS-ContinuationToken");
      const decoded = token ? decodeContinuation(token) : null;
      if (!decoded) {
        pcError(res, 400, 400, "A valid MS-ContinuationToken header is required to seek.");
        return;
      }
      offset = decoded;
    }
    const keys = customersOf(state, p.key);
    const page = keys.slice(offset, offset + size).map((k) => customerBody(k, p, false));
    const self = { uri: `/v1/customers?size=${size}`, method: "GET", headers: [] };
    const next =
      offset + size < keys.length
        ? {
            uri: `/v1/customers?size=${size}&seekOperation=Next`,
            method: "GET",
            headers: [{ key: "MS-ContinuationToken", value: encodeContinuation(offset + size) }],
          }
        : undefined;
    res.json(collection(page, { self, ...(next ? { next } : {}) }));
  });

  const visibleCustomer = (req: Request, res: Response): string | null => {
    const c = state.customersById.get(String(req.params.id));
    if (!c || !new Set(customersOf(state, partnerOf(res).key)).has(c.key)) {
      pcError(res, 404, 600, "Customer not found.");
      return null;
    }
    return c.key;
  };

  // https://learn.microsoft.com/partner-center/developer/get-a-customer-by-id
  app.get("/v1/customers/:id", (req, res) => {
    const key = visibleCustomer(req, res);
    if (key) res.json(customerBody(key, partnerOf(res), true));
  });

  // https://learn.microsoft.com/partner-center/developer/get-all-of-a-customer-s-subscriptions
  // (fields: https://learn.microsoft.com/partner-center/developer/subscription-resources)
  app.get("/v1/customers/:id/subscriptions", (req, res) => {
    const key = visibleCustomer(req, res);
    if (!key) return;
    const items = subscriptionsOf(state, partnerOf(res).key, key).map((s) => subscriptionBody(state, s));
    res.json(collection(items));
  });

  // https://learn.microsoft.com/partner-center/developer/get-a-list-of-azure-entitlements-for-subscription: the Azure
  // subscriptions under an Azure plan (the world counts the active ones).
  app.get("/v1/customers/:id/subscriptions/:subscriptionId/azureEntitlements", (req, res) => {
    const key = visibleCustomer(req, res);
    if (!key) return;
    const wanted = String(req.params.subscriptionId).toLowerCase();
    const plan = subscriptionsOf(state, partnerOf(res).key, key).find((s) => s.id === wanted);
    if (!plan) {
      pcError(res, 404, 404, "Resource not found.");
      return;
    }
    const items: PcAzureEntitlement[] = plan.isAzurePlan
      ? Array.from({ length: plan.activeAzureSubscriptions ?? 0 }, (_, i) => ({
          id: stableGuid(`azure-subscription:${plan.key}:${i}`),
          friendlyName: `Azure subscription ${i + 1}`,
          status: "active",
          subscriptionId: plan.id,
          attributes: { objectType: "AzureEntitlement" },
        }))
      : [];
    res.json(collection(items));
  });

  // https://learn.microsoft.com/partner-center/developer/get-a-collection-of-entitlements (App+User; fields:
  // https://learn.microsoft.com/partner-center/developer/entitlement-resources): ?entitlementType=software|
  // reservedInstance (none: every type), showExpiry=true for the expiry dates. The world holds software only.
  app.get("/v1/customers/:id/entitlements", (req, res) => {
    if (needsAppPlusUser(res)) return;
    const key = visibleCustomer(req, res);
    if (!key) return;
    const type = typeof req.query.entitlementType === "string" ? req.query.entitlementType.toLowerCase() : null;
    const showExpiry = String(req.query.showExpiry).toLowerCase() === "true";
    const items =
      type === null || type === "software" ? softwareEntitlements(state, partnerOf(res).key, key, showExpiry) : [];
    res.json(collection(items));
  });

  // https://learn.microsoft.com/partner-center/developer/get-an-order-by-id (fields:
  // https://learn.microsoft.com/partner-center/developer/order-resources): the orders of the world's software
  // purchases (those placed through a cart are answered by the checkout, emulator/writes.ts).
  app.get("/v1/customers/:id/orders/:orderId", (req, res) => {
    const key = visibleCustomer(req, res);
    if (!key) return;
    const s = softwareOf(state, partnerOf(res).key, key).find((x) => x.orderId === String(req.params.orderId));
    if (!s) {
      pcError(res, 404, 404, "Resource not found.");
      return;
    }
    res.json(orderBody(state, s));
  });

  // https://learn.microsoft.com/partner-center/developer/get-a-sku-by-id (the resource: product-resources, "Sku"):
  // GET /v1/products/{product-id}/skus/{sku-id}?country={country-code}, country required. The catalog holds the SKUs
  // of the world's new commerce offers that give a maximum seat count (state.ts); the fields served are the ones the
  // world gives (id, productId, title, description, maximumQuantity). Another SKU is not found.
  app.get("/v1/products/:productId/skus/:skuId", (req, res) => {
    if (typeof req.query.country !== "string" || !/^[A-Za-z]{2}$/.test(req.query.country)) {
      pcError(res, 400, 400, "The country code is required.");
      return;
    }
    const sku = state.catalog.get(`${String(req.params.productId)}:${String(req.params.skuId)}`);
    if (!sku) {
      pcError(res, 404, 404, "Resource not found.");
      return;
    }
    const body: PcSku = {
      id: sku.skuId,
      productId: sku.productId,
      title: sku.title,
      description: sku.title,
      maximumQuantity: sku.maximumQuantity,
      attributes: { objectType: "Sku" },
    };
    res.json(body);
  });

  // https://learn.microsoft.com/partner-center/developer/verify-indirect-reseller-mpa-status (App+User only): an
  // indirect provider checks whether one of its indirect resellers signed the Microsoft Partner Agreement.
  app.get("/v1/compliance/:program/agreementstatus", (req, res) => {
    if (needsAppPlusUser(res)) return;
    const mpnId = typeof req.query.mpnId === "string" ? req.query.mpnId : undefined;
    const tenantId = typeof req.query.tenantId === "string" ? req.query.tenantId : undefined;
    if (!mpnId && !tenantId) {
      pcError(res, 400, 2001, "Both MPN Id and Tenant Id cannot be empty.");
      return;
    }
    if (mpnId && tenantId) {
      pcError(res, 400, 2000, "Both MPN Id and Tenant Id should not be passed.");
      return;
    }
    if (mpnId && !/^\d+$/.test(mpnId)) {
      pcError(res, 400, 2000, "MPN Id must be numeric.");
      return;
    }
    const p = mpnId
      ? [...state.partners.values()].find((x) => x.partnerId === mpnId)
      : state.partnersByTenant.get(String(tenantId).toLowerCase());
    if (!p) {
      pcError(res, 404, 3000, "Partner not found.");
      return;
    }
    const body: PcAgreementSignatureStatus = { isAgreementSigned: p.mpaSigned };
    res.json(body);
  });

  // https://learn.microsoft.com/partner-center/developer/get-indirect-resellers-of-a-customer (App+User only):
  // for an indirect provider, its resellers that have a relationship with the customer.
  app.get("/v1/customers/:id/relationships", (req, res) => {
    if (needsAppPlusUser(res)) return;
    const key = visibleCustomer(req, res);
    if (!key) return;
    const resellers = new Set(activeResellersOf(state, partnerOf(res).key));
    const items = state.relationships
      .filter((r) => r.customer === key && r.status === "ACTIVE" && resellers.has(r.partner))
      .map((r) => relationship(r.partner, "is_indirect_cloud_solution_provider_of", false));
    res.json(collection(items));
  });

  // https://learn.microsoft.com/partner-center/developer/get-confirmation-of-customer-agreement (App+User only)
  app.get("/v1/customers/:id/agreements", (req, res) => {
    if (needsAppPlusUser(res)) return;
    const key = visibleCustomer(req, res);
    if (!key) return;
    const type = req.query.agreementType ?? "MicrosoftCloudAgreement";
    const c = state.customers.get(key)!;
    const items: PcAgreement[] =
      c.mcaAccepted && (type === "MicrosoftCustomerAgreement" || type === "*")
        ? [
            {
              templateId: stableGuid("template:MicrosoftCustomerAgreement"),
              dateAgreed: `${state.asOf}T00:00:00`,
              type: "MicrosoftCustomerAgreement",
              agreementLink: "https://aka.ms/customeragreement",
            },
          ]
        : [];
    res.json(collection(items));
  });

  // https://learn.microsoft.com/partner-center/developer/get-all-of-a-customer-s-transfers: the documented answer
  // is a bare JSON array of TransferEntity (https://learn.microsoft.com/partner-center/developer/transfer-entity-resources)
  app.get("/v1/customers/:id/transfers", (req, res) => {
    const key = visibleCustomer(req, res);
    if (!key) return;
    const c = state.customers.get(key)!;
    const items = transfersOf(state, partnerOf(res).key, key).map((t): PcTransferEntity => {
      const source = state.partners.get(t.source)!;
      const target = state.partners.get(t.target)!;
      const reseller = t.reseller ? state.partners.get(t.reseller) : undefined;
      // A world's date is 00:00:00 UTC of that day, as the seed loads it (RULES.md "v2: time").
      const created = isoDateTime(t.createdAt);
      return {
        id: t.id,
        status:
          t.status === TransferStatus.COMPLETED
            ? "Completed"
            : t.status === TransferStatus.REJECTED
              ? "Reject"
              : "Active",
        createdTime: new Date(created).toISOString(),
        lastModifiedTime: new Date(created).toISOString(),
        customerTenantId: c.id,
        sourcePartnerName: source.name,
        sourcePartnerTenantId: source.tenantId,
        targetPartnerName: target.name,
        targetPartnerTenantId: target.tenantId,
        lineItems: t.subscriptions.map((k, i) => {
          const s = state.subscriptionsByKey.get(k)!;
          return {
            id: i,
            subscriptionId: s.id,
            offerId: s.offerId ?? s.offerName,
            billingCycle: BILLING_CYCLE[billingCycleOf(s)],
            friendlyName: s.offerName,
            quantity: s.quantity,
            ...(reseller ? { partnerIdOnRecord: reseller.partnerId } : {}),
            addonItems: [],
          };
        }),
        attributes: { objectType: "TransferEntity" },
      };
    });
    res.json(items);
  });

  // Staying current (audit records, webhooks): emulator/audit-records.ts and emulator/webhooks.ts.
  mountAuditRecords(app, state, partnerOf, pcError);
  const bearerPartner = (req: Request): EmuPartner | null => {
    const auth = req.get("authorization") ?? "";
    const grant = auth.startsWith("Bearer ") ? grants.get(auth.slice(7)) : undefined;
    return grant && grant.expiresAt > Date.now() ? (state.partnersByTenant.get(grant.tenantId) ?? null) : null;
  };
  mountWebhooks(app, state, bearerPartner, () => selfUrl.value);

  app.use("/v1", (_req, res) => pcError(res, 404, 404, "Resource not found."));

  return { app, calls, tokenRequests, refreshTokenFor, writes };
}

function encodeContinuation(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset, n: randomUUID().slice(0, 8) })).toString("base64url");
}

function decodeContinuation(token: string): number | null {
  try {
    const v = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { o?: unknown };
    return typeof v.o === "number" && Number.isInteger(v.o) && v.o >= 0 ? v.o : null;
  } catch {
    return null;
  }
}

/** Starts the emulator on host:port (port 0: any free port). */
export async function startEmulator(
  state: EmulatorState,
  options: EmulatorOptions,
  listen: { host?: string; port?: number } = {},
): Promise<RunningEmulator> {
  const selfUrl = { value: "" };
  const { app, calls, tokenRequests, refreshTokenFor, writes } = createEmulatorApp(state, options, selfUrl);
  const host = listen.host ?? "127.0.0.1";
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(listen.port ?? 0, host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  selfUrl.value = `http://${host}:${port}`;
  return {
    url: `http://${host}:${port}`,
    calls,
    tokenRequests,
    refreshTokenFor,
    writes,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
