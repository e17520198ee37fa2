import { ArrayMaxSize, MaxLength } from "class-validator";
import { Field, InputType, registerEnumType } from "type-graphql";
import { TransferStatus } from "../../domain/enums";
import { ConnectionType } from "../../common/connection";
import { Transfer } from "./transfer.entity";

export enum TransferDirection {
  INCOMING = "INCOMING",
  OUTGOING = "OUTGOING",
}
registerEnumType(TransferDirection, {
  name: "TransferDirection",
  description: "INCOMING: the viewer's network is the target (it takes subscriptions over); OUTGOING: the source.",
});

export const TransferConnection = ConnectionType(Transfer, "Transfer");

@InputType()
export class TransferFilter {
  @ArrayMaxSize(20)
  @Field(() => [TransferStatus], {
    nullable: true,
    description: "Effective status: a PENDING transfer past 30 days is EXPIRED.",
  })
  status?: TransferStatus[] | null;

  @Field(() => TransferDirection, { nullable: true })
  direction?: TransferDirection | null;

  @MaxLength(200)
  @Field(() => String, { nullable: true, description: "Customer id." })
  customerId?: string | null;
}
