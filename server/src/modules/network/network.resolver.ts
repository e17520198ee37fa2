import { Arg, Ctx, Query, Resolver } from "type-graphql";
import { GraphQLLocalDate } from "graphql-scalars";
import type { RequestContext } from "../../context";
import { readContext } from "../../service-context";
import { networkService } from "./network.service";
import { NetworkSummary } from "./network.types";

@Resolver()
export class NetworkResolver {
  @Query(() => NetworkSummary, { description: "Totals for dashboards; a fixed number of grouped SQL statements." })
  networkSummary(
    @Arg("asOf", () => GraphQLLocalDate, { nullable: true }) asOf: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<NetworkSummary> {
    return networkService.summary(readContext(ctx), asOf);
  }
}
