import { MigrationInterface, QueryRunner } from "typeorm";
import { down, up } from "../network-counters-1796760000000";

// Issue 10: dashboard counters kept by triggers in the writing transaction (see ../network-counters-1796760000000.ts).
export class NetworkCounters1796760000000 implements MigrationInterface {
  name = "NetworkCounters1796760000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await up(queryRunner, "sqlite");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await down(queryRunner, "sqlite");
  }
}
