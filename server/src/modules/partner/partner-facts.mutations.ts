import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { RequestContext } from "../../context";
import { mutate } from "../../service-context";
import { partnerFactsService } from "./partner-facts.service";
import { PartnerFactsPayload, RecordPartnerFactsInput } from "./partner-facts.types";

@Resolver()
export class PartnerFactsMutations {
  @Mutation(() => PartnerFactsPayload, {
    description:
      "Records partner facts that Partner Center serves no read API for (program status, own MPA signature, advisor-only): the partner's global admin about itself; an indirect provider's global admin the program status of an active reseller. A sync never overwrites them; Partner.recordedFacts shows which were recorded.",
  })
  recordPartnerFacts(
    @Arg("input", () => RecordPartnerFactsInput) input: RecordPartnerFactsInput,
    @Ctx() ctx: RequestContext,
  ) {
    return mutate(ctx, PartnerFactsPayload, (s) => partnerFactsService.record(s, input));
  }
}
