import { logger } from "../common/log";
import { partnerCenterError, userError, UserErrorCode, UserErrorsAbort } from "../common/user-error";
import type { PublicServiceContext } from "../service-context";
import { UpstreamRefusal } from "./partner-center-writes";

/**
 * Runs a write-through call once our rule book has allowed the mutation. Partner Center's refusal (its numeric code
 * and description) becomes a user error with source PARTNER_CENTER on `field`, and the mutation's transaction rolls
 * back: nothing changes locally. It is only ever called after our rule book allowed, so a refusal is a disagreement:
 * logged for review (warn, with the code), and the audit event's error row carries `disagreement: true`
 * (audit.writer.ts).
 * A partner other than the connected one is refused (NOT_ALLOWED) before any call.
 * Any other failure (throttled or 5xx past the retries, timeouts) stays an internal error: the mutation rolls back,
 * an Idempotency-Key is released, and the same request sent again replays upstream with the same MS-RequestIds.
 */
export async function writeThrough<T>(
  s: PublicServiceContext,
  what: { operation: string; field: string | null; partial?: Record<string, unknown> },
  call: () => Promise<T>,
): Promise<T> {
  // Partner Center acts as the one partner whose credentials are configured: another partner's change would be
  // made under the wrong identity, so it is refused before any call.
  const actor = s.viewer?.partner;
  const connected = s.upstream.connectedTenantId;
  if (connected !== null && actor && actor.id.toLowerCase() !== connected) {
    throw new UserErrorsAbort(
      [userError(what.field, UserErrorCode.NOT_ALLOWED, s.t("PARTNER_CENTER_OTHER_PARTNER", { partner: actor.name }))],
      what.partial ?? {},
    );
  }
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof UpstreamRefusal)) throw error;
    logger.warn(
      {
        operation: what.operation,
        upstreamStatus: error.status,
        upstreamCode: error.code,
        upstreamDescription: error.description.slice(0, 300),
        partnerId: s.viewer?.partner.id ?? null,
      },
      "rule book disagreement: channelgate allowed, Partner Center refused (review)",
    );
    throw new UserErrorsAbort([partnerCenterError(what.field, error.code, error.description)], what.partial ?? {});
  }
}

/** Provenance of a row written from the upstream's answer (as a sync would mark it); nothing for the sandbox. */
export function upstreamProvenance(
  s: PublicServiceContext,
): { source: string; syncedAt: Date } | Record<string, never> {
  return s.upstream.source ? { source: s.upstream.source, syncedAt: new Date() } : {};
}
