import { randomUUID } from "node:crypto";
import type { DataSource, EntityManager } from "typeorm";
import { logger } from "../common/log";
import { runInTransaction } from "../common/transaction";
import { UserErrorCode } from "../common/user-error";
import { AuditEvent, AuditOutcome, type AuditTargetRow } from "../modules/audit/audit-event.entity";
import { writeAuditEvents } from "../modules/audit/audit.writer";
import { Partner } from "../modules/partner/partner.entity";

/**
 * Sign-in and sign-out in the audit log (`auditEvents`), beside the mutations: who signed in and how, who signed
 * out, and every refused sign-in with its reason code, accountable to the partner it concerns. Partner Center keeps
 * the operations of a partner's users and applications in its audit records ("Audit activity",
 * https://learn.microsoft.com/en-us/partner-center/developer/audit) and leaves sign-ins to Entra ID's sign-in logs;
 * here the sign-ins to this app sit in the same log as what was done after them.
 *
 * What an event holds: the operation, the user (id and e-mail) or a customer admin's UPN, the partner, the
 * customer and the reason code. Never a token, an authorization code, a cookie, a session or PKCE secret, nor the
 * ID token's claims beyond the tenant and object ids of an unknown account.
 *
 * Which partner: the signed-in user's; for an account no user matches, each partner whose Entra tenant the
 * account comes from (that tenant's admins want to know); for a customer's admin, the partners whose relationship
 * request the acceptance link is for. A refusal that names no partner (a tampered or expired flow, an unknown
 * e-mail on the demo sign-in) concerns nobody's log: it goes to the server log only.
 */

/** The `operation` of sign-in events (the same column as a mutation's name; filter: `auditEvents(filter: { operation })`). */
export const SIGN_IN_OPERATION = {
  OIDC: "oidcSignIn",
  DEMO: "demoSignIn",
  CUSTOMER_OIDC: "customerAdminOidcSignIn",
  CUSTOMER_DEMO: "demoCustomerAdminSignIn",
  SIGN_OUT: "signOut",
} as const;
export type SignInOperation = (typeof SIGN_IN_OPERATION)[keyof typeof SIGN_IN_OPERATION];

/** Why a sign-in was refused: the SPA's `/signin?error=` codes and the customer sign-in's refusal pages. */
export type SignInRefusalCode = Extract<
  UserErrorCode,
  | "UNKNOWN_USER"
  | "DEACTIVATED"
  | "SIGN_IN_FAILED"
  | "SIGN_IN_EXPIRED"
  | "WRONG_TENANT"
  | "NOT_GLOBAL_ADMIN"
  | "LINK_INVALID"
>;

const REFUSAL_TEXT: Record<SignInRefusalCode, string> = {
  UNKNOWN_USER: "No user of this partner matches the account that signed in.",
  DEACTIVATED: "The user is deactivated.",
  SIGN_IN_FAILED: "The identity provider's answer could not be verified.",
  SIGN_IN_EXPIRED: "The sign-in took too long or was started in another browser.",
  WRONG_TENANT: "The account belongs to another tenant than the link's customer.",
  NOT_GLOBAL_ADMIN: "The account is not a Global Administrator of the customer's tenant.",
  LINK_INVALID: "The acceptance link is unknown, expired or already used.",
};

export interface SignInEvent {
  /** The request's id (X-Request-Id of the sign-in route), or null. */
  requestId: string | null;
  operation: SignInOperation;
  /** The partners whose log it goes to; none: the server log only. */
  partnerIds: readonly string[];
  /** The user who signed in or out (or whose sign-in was refused). */
  user?: { id: string; email: string } | null;
  /** A customer's admin (no user of ours): the UPN of the account, when it may be shown to the partner. */
  customerAdminUpn?: string | null;
  customerId?: string | null;
  /** Why it was refused; absent: it succeeded. `detail` goes after the reason's text (ids only, never secrets). */
  refusal?: { code: SignInRefusalCode; detail?: string } | null;
}

/** The audit rows of one sign-in event: one per accountable partner. */
export function signInAuditEvents(e: SignInEvent): AuditEvent[] {
  const occurredAt = new Date();
  const requestId = e.requestId;
  const targets: AuditTargetRow[] = [];
  if (e.user) targets.push({ type: "User", id: e.user.id });
  if (e.customerId) targets.push({ type: "Customer", id: e.customerId });
  const refusal = e.refusal ?? null;
  return [...new Set(e.partnerIds)].map((partnerId) =>
    Object.assign(new AuditEvent(), {
      id: randomUUID(),
      occurredAt,
      requestId,
      actorUserId: e.user?.id ?? null,
      actorApiTokenId: null,
      actorLabel: e.user?.email ?? e.customerAdminUpn ?? null,
      partnerId,
      operation: e.operation,
      outcome: refusal ? AuditOutcome.REFUSED : AuditOutcome.ACCEPTED,
      customerId: e.customerId ?? null,
      targets,
      changes: [],
      decision: null,
      userErrors: refusal && [
        {
          field: null,
          code: UserErrorCode[refusal.code],
          ruleId: null,
          message: refusal.detail ? `${REFUSAL_TEXT[refusal.code]} ${refusal.detail}` : REFUSAL_TEXT[refusal.code],
        },
      ],
    }),
  );
}

function logLine(e: SignInEvent): void {
  const line = {
    operation: e.operation,
    outcome: e.refusal ? AuditOutcome.REFUSED : AuditOutcome.ACCEPTED,
    reason: e.refusal?.code,
    userId: e.user?.id,
    partnerIds: e.partnerIds,
    customerId: e.customerId ?? undefined,
  };
  if (e.refusal) logger.warn(line, "sign-in refused");
  else logger.info(line, e.operation === SIGN_IN_OPERATION.SIGN_OUT ? "signed out" : "signed in");
}

/** Writes a sign-in event in the caller's transaction (e.g. with the session it starts or ends). */
export async function recordSignIn(em: EntityManager, e: SignInEvent): Promise<void> {
  logLine(e);
  const events = signInAuditEvents(e);
  if (events.length) await writeAuditEvents(em, events);
}

/**
 * Writes a sign-in event in its own small transaction: a refusal (nothing else is written), or a sign-in that stores
 * nothing (a customer admin's session is a signed token). A failure to write is logged and the answer stands.
 */
export async function recordSignInAlone(ds: DataSource, e: SignInEvent): Promise<void> {
  try {
    await runInTransaction(ds, (em) => recordSignIn(em, e));
  } catch (error) {
    logger.error(
      { err: error instanceof Error ? error.message : String(error), operation: e.operation },
      "sign-in audit event not written",
    );
  }
}

/** The partners whose Entra tenant an account comes from (for a refused account that matches no user). */
export async function partnersOfTenant(ds: DataSource, tenantId: string): Promise<string[]> {
  const rows = await ds
    .getRepository(Partner)
    .createQueryBuilder("p")
    .select("p.id", "id")
    .where("LOWER(p.tenant_id) = :tid", { tid: tenantId.toLowerCase() })
    .getRawMany<{ id: string }>();
  return rows.map((r) => r.id);
}
