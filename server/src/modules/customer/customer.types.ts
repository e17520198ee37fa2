import { ArrayMaxSize, MaxLength } from "class-validator";
import { Field, InputType, ObjectType } from "type-graphql";
import { SalesChannel } from "../../domain/enums";
import { ConnectionType } from "../../common/connection";
import { Customer } from "./customer.entity";

export const CustomerConnection = ConnectionType(Customer, "Customer");

@InputType()
export class CustomerFilter {
  @MaxLength(200)
  @Field(() => String, { nullable: true, description: "Matches name or domain (case-insensitive, substring)." })
  search?: string | null;

  @MaxLength(200)
  @Field(() => String, { nullable: true, description: "ISO 3166-1 alpha-2." })
  country?: string | null;

  @ArrayMaxSize(20)
  @Field(() => [SalesChannel], {
    nullable: true,
    description: "Customers holding a live (ACTIVE or SUSPENDED) subscription from any of these channels.",
  })
  channels?: SalesChannel[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Customers holding (or not) live subscriptions bought outside CSP.",
  })
  hasNonCspSubscriptions?: boolean | null;

  @MaxLength(200)
  @Field(() => String, {
    nullable: true,
    description: "A provider's view: only customers of this reseller (Partner id).",
  })
  resellerId?: string | null;
}

@ObjectType({
  description:
    "What a pending relationship request asks, for the customer's global admin before accepting it: who asks, and for which tenant. Nothing else about the customer.",
})
export class RelationshipRequestPreview {
  @Field()
  customerName: string;

  @Field({ description: "The customer tenant's primary domain: the accepting admin's UPN must be in it." })
  customerDomain: string;

  @Field(() => [String], {
    description: "Partners that accepting makes resellers of the customer (two for a two-tier request), by name.",
  })
  partnerNames: string[];

  @Field({ description: "The request asks for delegated admin privileges (DAP)." })
  includesDelegatedAdmin: boolean;

  @Field({ description: "When the link was issued (or last re-issued)." })
  requestedAt: Date;
}
