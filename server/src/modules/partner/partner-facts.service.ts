import { ensure, ensureNoErrors, ensureThat } from "../../common/ensure";
import { findByGlobalId, forUpdate } from "../../common/lookup";
import { userError, UserErrorCode } from "../../common/user-error";
import { PartnerFact, PartnerType } from "../../domain/enums";
import type { ServiceContext } from "../../service-context";
import { Partner } from "./partner.entity";
import type { PartnerFactsPayload, RecordPartnerFactsInput } from "./partner-facts.types";

// Partner facts that only channelgate records (issue 8). Partner Center's API serves no read of a partner's program
// standing, nor of its own Microsoft Partner Agreement signature (agreementstatus answers an indirect provider about
// its indirect resellers only: https://learn.microsoft.com/partner-center/developer/verify-indirect-reseller-mpa-status),
// nor of Advisor-program enrolment. Who records what:
// - the partner itself (its global admin): all three;
// - an indirect provider: the program status of its resellers with an ACTIVE partnership (its network), as it
//   refuses to order for a reseller that is not active (RULES.md R26); their MPA comes from agreementstatus;
// - nobody else: another partner is NOT_FOUND.
// Each recorded fact keeps when and by whom (provenance); the sync never overwrites it (partner-center/sync.ts).

/** The facts of a partner that the viewer's partner may record, or null when it may not see the partner at all. */
export function recordableFacts(actorId: string, networkPartnerIds: readonly string[], partnerId: string) {
  if (partnerId === actorId) return [PartnerFact.PROGRAM_STATUS, PartnerFact.MPA_SIGNED, PartnerFact.ADVISOR_ONLY];
  if (networkPartnerIds.includes(partnerId)) return [PartnerFact.PROGRAM_STATUS];
  return null;
}

const CSP_TWO_TIER = [PartnerType.INDIRECT_PROVIDER, PartnerType.INDIRECT_RESELLER];

export class PartnerFactsService {
  async record(s: ServiceContext, input: RecordPartnerFactsInput): Promise<Partial<PartnerFactsPayload>> {
    const notFound = () => userError("partnerId", UserErrorCode.NOT_FOUND, s.t("PARTNER_NOT_FOUND"));
    const partner = await findByGlobalId(
      input.partnerId,
      "Partner",
      (id) =>
        recordableFacts(s.actor.id, s.scope.networkPartnerIds, id) === null
          ? Promise.resolve(null)
          : forUpdate(
              s.em.getRepository(Partner).createQueryBuilder("p").where("p.id = :id", { id }),
              s.canLockRows,
            ).getOne(),
      notFound,
    );
    s.audit.target("Partner", partner.id);
    const allowed = ensure(recordableFacts(s.actor.id, s.scope.networkPartnerIds, partner.id), notFound);
    const given: [PartnerFact, string, unknown][] = [
      [PartnerFact.PROGRAM_STATUS, "programStatus", input.programStatus],
      [PartnerFact.MPA_SIGNED, "mpaSigned", input.mpaSigned],
      [PartnerFact.ADVISOR_ONLY, "advisorOnly", input.advisorOnly],
    ];
    const present = given.filter(([, , v]) => v !== null && v !== undefined);
    ensureThat(present.length > 0, () => userError(null, UserErrorCode.INVALID_INPUT, s.t("PARTNER_FACTS_NONE")));
    ensureNoErrors(
      present
        .filter(([fact]) => !allowed.includes(fact))
        .map(([, field]) => userError(field, UserErrorCode.NOT_ALLOWED, s.t("PARTNER_FACT_ONLY_ITSELF"))),
    );
    ensureThat(input.advisorOnly !== true || !partner.types.some((t) => CSP_TWO_TIER.includes(t)), () =>
      userError("advisorOnly", UserErrorCode.INVALID_STATE, s.t("PARTNER_TRANSACTS_IN_CSP")),
    );

    const now = new Date();
    const before = { ...partner };
    // Provenance per fact: only the facts given are marked recorded, each with when and by whom.
    const by = s.actor.id;
    const set: Partial<Partner> = { factsRecordedById: by };
    if (input.programStatus)
      Object.assign(set, {
        programStatus: input.programStatus,
        programStatusRecordedAt: now,
        programStatusRecordedById: by,
      });
    if (typeof input.mpaSigned === "boolean")
      Object.assign(set, { mpaSigned: input.mpaSigned, mpaSignedRecordedAt: now, mpaSignedRecordedById: by });
    if (typeof input.advisorOnly === "boolean") {
      Object.assign(set, { advisorOnlyRecordedAt: now, advisorOnlyRecordedById: by });
      // Advisor-only holds no CSP type (RULES.md, v2 vocabulary). Back from advisor-only, a partner without two-tier
      // partnerships transacts directly, as the sync reads such a partner.
      const advisorOnly = !partner.types.some((t) => t !== PartnerType.ADVISOR);
      if (input.advisorOnly) set.types = [PartnerType.ADVISOR];
      else if (advisorOnly) set.types = [PartnerType.DIRECT_BILL];
    }
    await s.em.update(Partner, { id: partner.id }, set);
    const after = Object.assign(new Partner(), partner, set);
    s.audit.change("Partner", before, after);
    return { partner: after };
  }
}

export const partnerFactsService = new PartnerFactsService();
