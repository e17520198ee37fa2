import { Field, ID, InputType, ObjectType } from "type-graphql";
import { Payload } from "../../common/mutation";
import { ResellerPartnership } from "./reseller-partnership.entity";

@InputType()
export class InviteResellerInput {
  @Field({ description: "The reseller's numeric Partner ID (location PartnerID)." })
  resellerPartnerId: string;
}

@InputType()
export class PartnershipIdInput {
  @Field(() => ID)
  partnershipId: string;
}

@ObjectType()
export class PartnershipPayload extends Payload {
  @Field(() => ResellerPartnership, { nullable: true })
  partnership: ResellerPartnership | null;
}
