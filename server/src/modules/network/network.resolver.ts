import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, Info, Query, Resolver } from "type-graphql";
import { GraphQLLocalDate } from "graphql-scalars";
import type { RequestContext } from "../../context";
import { selectedFields } from "../../common/selected-fields";
import { readContext } from "../../service-context";
import { networkService } from "./network.service";
import { NetworkSummary } from "./network.types";

@Resolver()
export class NetworkResolver {
  @Query(() => NetworkSummary, { description: "Totals for dashboards; a fixed number of grouped SQL statements." })
  networkSummary(
    @Arg("asOf", () => GraphQLLocalDate, { nullable: true }) asOf: string | null,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<NetworkSummary> {
    return networkService.summary(readContext(ctx), asOf, selectedFields(info));
  }
}
