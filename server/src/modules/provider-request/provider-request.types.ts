import { ArrayMaxSize, MaxLength } from "class-validator";
import { Field, InputType, registerEnumType } from "type-graphql";
import { ConnectionType } from "../../common/connection";
import { ProviderRequest, ProviderRequestStatus } from "./provider-request.entity";

export enum ProviderRequestDirection {
  SENT = "SENT",
  RECEIVED = "RECEIVED",
}
registerEnumType(ProviderRequestDirection, {
  name: "ProviderRequestDirection",
  description: "SENT: requests the viewer's partner sent as a reseller; RECEIVED: requests it received as a provider.",
});

export const ProviderRequestConnection = ConnectionType(ProviderRequest, "ProviderRequest");

@InputType()
export class ProviderRequestFilter {
  @ArrayMaxSize(10)
  @Field(() => [ProviderRequestStatus], { nullable: true })
  status?: ProviderRequestStatus[] | null;

  @Field(() => ProviderRequestDirection, { nullable: true })
  direction?: ProviderRequestDirection | null;

  @MaxLength(200)
  @Field(() => String, { nullable: true, description: "Customer id." })
  customerId?: string | null;
}
