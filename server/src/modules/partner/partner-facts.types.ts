import { Field, ID, InputType, ObjectType } from "type-graphql";
import { Payload } from "../../common/mutation";
import { ProgramStatus } from "../../domain/enums";
import { Partner } from "./partner.entity";

@InputType({
  description:
    "Partner facts that Partner Center serves no read API for, recorded in channelgate (give at least one). A sync never overwrites them.",
})
export class RecordPartnerFactsInput {
  @Field(() => ID, {
    description: "The partner: the viewer's own, or (program status only) one of its active resellers.",
  })
  partnerId: string;

  @Field(() => ProgramStatus, { nullable: true, description: "Standing in the CSP program." })
  programStatus?: ProgramStatus | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "The partner's own Microsoft Partner Agreement signature (the partner itself only).",
  })
  mpaSigned?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Enrolled in the Advisor program only, not transacting in CSP (the partner itself only; refused for a partner Partner Center lists with indirect providers or resellers).",
  })
  advisorOnly?: boolean | null;
}

@ObjectType()
export class PartnerFactsPayload extends Payload {
  @Field(() => Partner, { nullable: true })
  partner: Partner | null;
}
