import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../../context";
import { Node } from "../../common/node";
import { readContext } from "../../service-context";
import { nodeService } from "./node.service";

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: "Fetches any object by its global id (Relay)." })
  node(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Node> {
    return nodeService.fetch(readContext(ctx), id, "id");
  }
}
