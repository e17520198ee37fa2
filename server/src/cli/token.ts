import "reflect-metadata";
import { loadConfig } from "../config";
import { openDatabase } from "../app";
import { signToken } from "../auth/token";
import { User } from "../modules/user/user.entity";

// npm run token -- <user email> [--ttl <seconds>]: prints a bearer token for a user of the configured database.
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const email = args.find((a) => !a.startsWith("--"))?.toLowerCase();
  const ttlIndex = args.indexOf("--ttl");
  const ttl = ttlIndex >= 0 ? Number(args[ttlIndex + 1]) : 8 * 3600;
  if (!email || !Number.isInteger(ttl) || ttl <= 0) {
    console.error("usage: npm run token -- <user email> [--ttl <seconds>]");
    process.exit(2);
  }
  process.env.LOG_MIGRATIONS ??= "0";
  const config = loadConfig();
  const ds = await openDatabase(config);
  try {
    const user = await ds.getRepository(User).findOne({ where: { email }, relations: { partner: true } });
    if (!user) {
      const sample = await ds.getRepository(User).find({ take: 5, order: { email: "ASC" } });
      console.error(
        `No user ${email} in this database.` +
          (sample.length
            ? ` Some users: ${sample.map((u) => u.email).join(", ")}`
            : " The database is empty: run npm run seed."),
      );
      process.exit(1);
    }
    console.error(`# ${user.displayName} (${user.role}) of ${user.partner?.name}, valid ${ttl} s`);
    console.log(await signToken(config.authSecret, user.email, ttl));
  } finally {
    await ds.destroy();
  }
}

main().catch((err: unknown) => {
  console.error("token failed:", err instanceof Error ? err.message : err);
  process.exit(1);
});
