import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../../context";
import { PageArgs } from "../../common/connection";
import { readContext } from "../../service-context";
import { SyncRun } from "./sync-run.entity";
import { syncService } from "./sync.service";
import { Viewer } from "../partner/partner.types";
import { StartSyncInput, StartSyncPayload, SyncRunConnection, SyncStatus } from "./sync.types";

@Resolver(() => SyncRun)
export class SyncResolver {
  @Query(() => SyncRunConnection, {
    description: "Partner Center sync runs of this deployment, newest first (the home partner's admins).",
  })
  async syncRuns(@Args() page: PageArgs, @Ctx() ctx: RequestContext) {
    return new SyncRunConnection(await syncService.list(readContext(ctx), page));
  }

  @Query(() => SyncRun, { nullable: true, description: "One sync run, with its progress while RUNNING." })
  syncRun(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext) {
    return syncService.get(readContext(ctx), id);
  }

  @Mutation(() => StartSyncPayload, {
    description:
      "Starts a full sync from Partner Center in the background (one at a time across replicas) and answers its run. In the sandbox (UPSTREAM=sandbox) there is nothing to sync: a user error says so.",
  })
  startSync(
    @Arg("input", () => StartSyncInput, { nullable: true }) input: StartSyncInput | null,
    @Ctx() ctx: RequestContext,
  ) {
    return syncService.start(ctx, input ?? {});
  }
}

@Resolver(() => Viewer)
export class ViewerSyncStatusResolver {
  @FieldResolver(() => SyncStatus, {
    description:
      "How current the partner network is (Partner Center upstream): when a sync last confirmed it, and whether that is stale.",
  })
  syncStatus(@Ctx() ctx: RequestContext): Promise<SyncStatus> {
    return syncService.status(readContext(ctx));
  }
}
