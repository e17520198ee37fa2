import { ArrayMaxSize, MaxLength } from "class-validator";
import { Field, InputType } from "type-graphql";
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
    description: "Customers holding a subscription from any of these channels.",
  })
  channels?: SalesChannel[] | null;

  @Field(() => Boolean, { nullable: true, description: "Customers holding (or not) subscriptions bought outside CSP." })
  hasNonCspSubscriptions?: boolean | null;

  @MaxLength(200)
  @Field(() => String, {
    nullable: true,
    description: "A provider's view: only customers of this reseller (Partner id).",
  })
  resellerId?: string | null;
}
