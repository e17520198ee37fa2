import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { RequestContext } from "../../context";
import { mutate } from "../../service-context";
import { TransferService } from "./transfer.service";
import { CreateTransferInput, TransferIdInput, TransferPayload } from "./transfer.types";

const transferService = new TransferService();

@Resolver()
export class TransferMutations {
  @Mutation(() => TransferPayload, {
    description: "The target partner asks the current (source) partner to hand over CSP subscriptions of one customer.",
  })
  createTransfer(@Arg("input", () => CreateTransferInput) input: CreateTransferInput, @Ctx() ctx: RequestContext) {
    return mutate(ctx, TransferPayload, (s) => transferService.create(s, input));
  }

  @Mutation(() => TransferPayload, {
    description: "The source partner accepts: the subscriptions move to the target (and its reseller) at once.",
  })
  acceptTransfer(@Arg("input", () => TransferIdInput) input: TransferIdInput, @Ctx() ctx: RequestContext) {
    return mutate(ctx, TransferPayload, (s) => transferService.accept(s, input));
  }

  @Mutation(() => TransferPayload, { description: "The source partner declines the request." })
  rejectTransfer(@Arg("input", () => TransferIdInput) input: TransferIdInput, @Ctx() ctx: RequestContext) {
    return mutate(ctx, TransferPayload, (s) => transferService.reject(s, input));
  }

  @Mutation(() => TransferPayload, { description: "The target partner withdraws its request while it is pending." })
  withdrawTransfer(@Arg("input", () => TransferIdInput) input: TransferIdInput, @Ctx() ctx: RequestContext) {
    return mutate(ctx, TransferPayload, (s) => transferService.withdraw(s, input));
  }
}
