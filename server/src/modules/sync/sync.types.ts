import { Field, InputType, Int, ObjectType } from "type-graphql";
import { Upstream } from "../../domain/enums";
import { ConnectionType } from "../../common/connection";
import { Payload } from "../../common/mutation";
import { SyncRun } from "./sync-run.entity";

export const SyncRunConnection = ConnectionType(SyncRun, "SyncRun");

@InputType()
export class StartSyncInput {
  @Field(() => Boolean, {
    nullable: true,
    description: "Resume the last full sync where it failed (its `resumeFrom`) instead of starting from the top.",
  })
  resume?: boolean | null;
}

@ObjectType()
export class StartSyncPayload extends Payload {
  @Field(() => SyncRun, { nullable: true, description: "The run, RUNNING: poll `syncRun(id:)` for its progress." })
  syncRun: SyncRun | null;
}

@ObjectType({
  description:
    "How current the viewer's partner network is: when Partner Center last confirmed it (the last successful sync run, full or incremental), whether that is too long ago, and where the network lives.",
})
export class SyncStatus {
  @Field(() => Upstream)
  upstream: Upstream;

  @Field(() => Date, {
    nullable: true,
    description:
      "The instant Partner Center last confirmed the network as a whole: the start of the last successful full sync, or the end of the audit-record window of the last successful incremental one. Null in the sandbox, before the first successful sync, and for a partner channelgate holds alone (not imported from Partner Center). Rows keep their own `syncedAt` (when a sync last changed them).",
  })
  lastSyncedAt: Date | null;

  @Field({
    description:
      "With Partner Center upstream: no successful sync run confirmed the network in the last `staleAfterMinutes` (or none ever did). Always false in the sandbox.",
  })
  stale: boolean;

  @Field(() => Int, { description: "The threshold (SYNC_STALE_AFTER_MINUTES)." })
  staleAfterMinutes: number;
}
