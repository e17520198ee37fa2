import { Arg, Args, Ctx, Int, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../../context";
import { PageArgs } from "../../common/connection";
import { readContext } from "../../service-context";
import { CustomerSubscription } from "./customer-subscription.entity";
import { listRenewals, MAX_RENEWAL_WINDOW_DAYS } from "./renewals.service";
import { CustomerSubscriptionConnection } from "./subscription.types";

@Resolver(() => CustomerSubscription)
export class RenewalsResolver {
  @Query(() => CustomerSubscriptionConnection, {
    description:
      "CSP subscriptions of the viewer's network whose term ends within `within` days (renew or expire), grouped by reseller of record and customer, soonest end first in each; monthly subscriptions that renew unchanged (auto-renew on, nothing scheduled) are left out.",
  })
  async renewals(
    @Arg("within", () => Int, { description: `Days ahead from today, 1–${MAX_RENEWAL_WINDOW_DAYS}.` }) within: number,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return new CustomerSubscriptionConnection(await listRenewals(readContext(ctx), within, page));
  }
}
