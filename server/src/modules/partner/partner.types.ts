import { ArrayMaxSize, MaxLength } from "class-validator";
import { Field, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { PartnershipStatus } from "../../domain/enums";
import { ConnectionType } from "../../common/connection";
import { Partner } from "./partner.entity";
import { ResellerPartnership } from "./reseller-partnership.entity";
import { User } from "../user/user.entity";

export enum ComplianceFlag {
  MPA_NOT_SIGNED = "MPA_NOT_SIGNED",
  NOT_ACTIVE = "NOT_ACTIVE",
  OTHER_REGION = "OTHER_REGION",
}
registerEnumType(ComplianceFlag, {
  name: "ComplianceFlag",
  description: "Why a provider cannot name this reseller on orders and transfers (R24–R26).",
});

@ObjectType({ description: "The signed-in user and their partner." })
export class Viewer {
  @Field(() => User)
  user: User;
  @Field(() => Partner)
  partner: Partner;
}

export const ResellerPartnershipConnection = ConnectionType(ResellerPartnership, "ResellerPartnership");

@InputType()
export class PartnershipFilter {
  @ArrayMaxSize(20)
  @Field(() => [PartnershipStatus], { nullable: true })
  status?: PartnershipStatus[] | null;

  @MaxLength(200)
  @Field(() => String, { nullable: true, description: "Matches the counterpart's name or Partner ID." })
  search?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Only resellers with at least one compliance flag." })
  hasComplianceIssues?: boolean | null;
}

@ObjectType()
export class PartnershipCounts {
  @Field(() => Int, { description: "Customers with an ACTIVE relationship with the reseller." })
  customers: number;
  @Field(() => Int, { description: "ACTIVE or SUSPENDED subscriptions naming the reseller as reseller of record." })
  subscriptions: number;
}
