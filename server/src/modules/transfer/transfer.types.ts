import { ArrayMaxSize, MaxLength } from "class-validator";
import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLLocalDate } from "graphql-scalars";
import { TransferStatus } from "../../domain/enums";
import { ConnectionType, OrderByInput } from "../../common/connection";
import { Payload } from "../../common/mutation";
import { Transfer } from "./transfer.entity";
import { MAX_TRANSFER_LINES } from "./transfer-lines";

export enum TransferDirection {
  INCOMING = "INCOMING",
  OUTGOING = "OUTGOING",
}
registerEnumType(TransferDirection, {
  name: "TransferDirection",
  description: "INCOMING: the viewer's network is the target (it takes subscriptions over); OUTGOING: the source.",
});

export const TransferConnection = ConnectionType(Transfer, "Transfer");

/** The columns the transfer list sorts on. */
export enum TransferSortField {
  CREATED_AT = "CREATED_AT",
  CUSTOMER_NAME = "CUSTOMER_NAME",
}
registerEnumType(TransferSortField, { name: "TransferSortField" });
export const TransferOrder = OrderByInput(TransferSortField, "Transfer");
export type TransferOrder = InstanceType<typeof TransferOrder>;

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

  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: "Transfers whose 30 days to answer end before this date (the dashboard's expiring-soon card).",
  })
  expiresBefore?: string | null;
}

@InputType()
export class CreateTransferInput {
  @Field(() => ID)
  customerId: string;
  @Field(() => [ID], {
    description: `Base subscriptions to take over (1–${MAX_TRANSFER_LINES}); their active add-ons come along.`,
  })
  @ArrayMaxSize(100)
  subscriptionIds: string[];
  @Field(() => ID, {
    nullable: true,
    description: "Required when the target is an indirect provider: the reseller (R19).",
  })
  resellerId?: string | null;
}

@InputType()
export class TransferIdInput {
  @Field(() => ID)
  transferId: string;
}

@ObjectType({
  description:
    "The transfer after the change. One exception to 'a user error changes nothing': acting on a PENDING transfer past its 30 days saves it as EXPIRED and answers with the transfer and a TRANSFER_EXPIRED user error.",
})
export class TransferPayload extends Payload {
  @Field(() => Transfer, { nullable: true })
  transfer: Transfer | null;
}
