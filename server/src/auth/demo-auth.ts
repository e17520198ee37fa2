import express, { type Express } from "express";
import { MoreThan, type DataSource } from "typeorm";
import { runInTransaction } from "../common/transaction";
import { RelationshipStatus } from "../domain/enums";
import { CustomerRelationship } from "../modules/customer/customer-relationship.entity";
import type { AppConfig } from "../config";
import { User } from "../modules/user/user.entity";
import { Customer } from "../modules/customer/customer.entity";
import { GLOBAL_ADMIN_ROLE_TEMPLATE_ID, signCustomerAdminToken } from "./customer-admin-token";
import { signToken } from "./token";
import { startSession } from "../http/session";
import { recordSignIn, recordSignInAlone, SIGN_IN_OPERATION } from "./sign-in-audit";
import { requestIdOf } from "../http/request-log";

/** The customer tenant a simulated customer-admin sign-in names: `{ domain }` or `{ tenantId }`. */
function demoCustomerOf(ds: DataSource, body: unknown): Promise<Customer | null> {
  const { domain, tenantId } = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const text = (v: unknown) =>
    typeof v === "string" && v.length > 0 && v.length <= 253 ? v.trim().toLowerCase() : null;
  const where = text(domain) ? { domain: text(domain)! } : text(tenantId) ? { tenantId: text(tenantId)! } : null;
  return where ? ds.getRepository(Customer).findOneBy(where) : Promise.resolve(null);
}

/**
 * Demo sign-in for the embedded database: lists seeded users and issues a token for one.
 * Also simulates a customer tenant's global admin signing in (POST /auth/demo-customer-login), who accepts
 * relationship requests. Mounted only when config.demoLogin is on (default with SQLite, off in production).
 */
export function mountDemoAuth(app: Express, ds: DataSource, config: AppConfig): void {
  app.get("/auth/demo-users", async (_req, res) => {
    const users = await ds
      .getRepository(User)
      .createQueryBuilder("u")
      .innerJoinAndSelect("u.partner", "p")
      .orderBy("p.name")
      .addOrderBy("u.email")
      .limit(500)
      .getMany();
    res.json({
      users: users.map((u) => ({
        email: u.email,
        displayName: u.displayName,
        role: u.role,
        partner: {
          name: u.partner?.name,
          partnerId: u.partner?.partnerId,
          types: u.partner?.types,
          country: u.partner?.country,
        },
      })),
    });
  });
  app.post("/auth/demo-login", express.json({ limit: "10kb" }), async (req, res) => {
    const email: unknown = req.body?.email;
    if (typeof email !== "string" || email.length > 254) {
      res.status(400).json({ error: "email: a string is required" });
      return;
    }
    const user = await ds.getRepository(User).findOneBy({ email: email.toLowerCase() });
    if (!user) {
      res.status(404).json({ error: "email: no such user" });
      return;
    }
    if (user.deactivatedAt) {
      await recordSignInAlone(ds, {
        requestId: requestIdOf(res),
        operation: SIGN_IN_OPERATION.DEMO,
        partnerIds: [user.partnerId],
        user,
        refusal: { code: "DEACTIVATED" },
      });
      res.status(403).json({ error: "DEACTIVATED" });
      return;
    }
    // The browser gets a session cookie (the SPA keeps no token); `token` stays for scripts and tests.
    const { csrfToken } = await runInTransaction(ds, async (em) => {
      const started = await startSession(em, config, res, user, "DEMO");
      await recordSignIn(em, {
        requestId: requestIdOf(res),
        operation: SIGN_IN_OPERATION.DEMO,
        partnerIds: [user.partnerId],
        user,
      });
      return started;
    });
    res.json({ token: await signToken(config.authSecret, user.email), csrfToken });
  });
  app.post("/auth/demo-customer-login", express.json({ limit: "10kb" }), async (req, res) => {
    const customer = await demoCustomerOf(ds, req.body);
    if (!customer) {
      res.status(404).json({ error: "domain or tenantId: no such customer tenant" });
      return;
    }
    // Simulates the customer's OIDC sign-in as its global admin: what production gets from Entra ID.
    const upn = `admin@${customer.domain}`;
    // Accountable to the partners with a pending request to this customer (those it may accept); none: log only.
    const pending = await ds.getRepository(CustomerRelationship).find({
      select: { partnerId: true },
      where: { customerId: customer.id, status: RelationshipStatus.REQUESTED, requestExpiresAt: MoreThan(new Date()) },
    });
    await recordSignInAlone(ds, {
      requestId: requestIdOf(res),
      operation: SIGN_IN_OPERATION.CUSTOMER_DEMO,
      partnerIds: pending.map((r) => r.partnerId),
      customerId: customer.id,
      customerAdminUpn: upn,
    });
    const roleTemplateIds = [GLOBAL_ADMIN_ROLE_TEMPLATE_ID];
    const token = await signCustomerAdminToken(config.authSecret, {
      tenantId: customer.tenantId,
      upn,
      roleTemplateIds,
    });
    res.json({ token, upn, tenantId: customer.tenantId });
  });
}
