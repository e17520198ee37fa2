import { Field, InputType, ObjectType } from "type-graphql";
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
