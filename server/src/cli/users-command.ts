import { randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import { PartnerType, ProgramStatus, UserRole } from "../domain/enums";
import { Partner } from "../modules/partner/partner.entity";
import { User } from "../modules/user/user.entity";
import { isEmailAddress } from "../modules/user/user.rules";

// The users CLI's commands over an open data source (cli/users.ts opens it). Each returns an exit code: 0 done,
// 2 a usage error (with the usage printed), 1 refused (e.g. an unknown user). Output goes through `io`.

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export const USAGE = `usage:
  npm run users -- add <email> --role <ROLE> [--partner <partner id or Partner ID>] [--name "<display name>"]
  npm run users -- add <email> --role GLOBAL_ADMIN --new-partner "<name>" --partner <Partner ID> --tenant <tenant id> --country <CC> --type <TYPE[,TYPE]>
  npm run users -- list [--partner <partner id or Partner ID>]
  npm run users -- deactivate <email>
roles: ${Object.values(UserRole).join(", ")}
partner types: ${Object.values(PartnerType).join(", ")}`;

class UsageError extends Error {}

/** `--name value` options and positional words; a flag without a value is a usage error. */
function parse(args: string[]): { words: string[]; options: Map<string, string> } {
  const words: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith("--")) {
      words.push(arg);
      continue;
    }
    const value = args[i + 1];
    if (value === undefined || value.startsWith("--")) throw new UsageError(`${arg} needs a value`);
    options.set(arg.slice(2), value);
    i++;
  }
  return { words, options };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function findPartner(ds: DataSource, ref: string): Promise<Partner | null> {
  const repo = ds.getRepository(Partner);
  return UUID.test(ref) ? repo.findOneBy({ id: ref.toLowerCase() }) : repo.findOneBy({ partnerId: ref });
}

/** The partner named by --partner, or the only partner of the database. */
async function partnerFor(ds: DataSource, ref: string | undefined, io: CliIo): Promise<Partner | null> {
  if (ref) {
    const partner = await findPartner(ds, ref);
    if (!partner) io.err(`No partner has the id or Partner ID ${ref}.`);
    return partner;
  }
  const partners = await ds.getRepository(Partner).find({ take: 2 });
  if (partners.length === 1) return partners[0]!;
  io.err(
    partners.length === 0
      ? "The database has no partner yet: create yours with --new-partner (see usage)."
      : "The database has several partners: name one with --partner <partner id or Partner ID>.",
  );
  return null;
}

function newPartner(options: Map<string, string>, name: string): Partner {
  const partnerId = options.get("partner") ?? "";
  const tenantId = options.get("tenant") ?? "";
  const country = options.get("country") ?? "";
  const types = (options.get("type") ?? "").split(",").filter(Boolean);
  if (!/^\d{1,20}$/.test(partnerId)) throw new UsageError("--partner must be the numeric Partner ID");
  if (!UUID.test(tenantId)) throw new UsageError("--tenant must be the partner's Entra tenant id (a GUID)");
  if (!/^[A-Z]{2}$/.test(country)) throw new UsageError("--country must be an ISO 3166-1 alpha-2 code such as US");
  if (types.length === 0 || !types.every((t) => (Object.values(PartnerType) as string[]).includes(t))) {
    throw new UsageError("--type must list partner types, e.g. INDIRECT_PROVIDER");
  }
  if (name.trim().length < 1 || name.length > 200) throw new UsageError("--new-partner must be 1–200 characters");
  return Object.assign(new Partner(), {
    id: randomUUID(),
    name: name.trim(),
    partnerId,
    tenantId: tenantId.toLowerCase(),
    types: types as PartnerType[],
    country,
    mpaSigned: true,
    programStatus: ProgramStatus.ACTIVE,
    createdAt: new Date(),
  });
}

async function add(ds: DataSource, words: string[], options: Map<string, string>, io: CliIo): Promise<number> {
  const email = words[1]?.trim().toLowerCase() ?? "";
  const role = options.get("role") ?? "";
  if (!isEmailAddress(email) || email.length > 254) throw new UsageError("add needs the user's email address");
  if (!(Object.values(UserRole) as string[]).includes(role)) throw new UsageError(`--role must be one of the roles`);
  const displayName = options.get("name") ?? email.split("@")[0]!;
  if (displayName.trim().length < 1 || displayName.length > 200)
    throw new UsageError("--name must be 1–200 characters");
  if (await ds.getRepository(User).existsBy({ email })) {
    io.err(`A user with the email ${email} already exists.`);
    return 1;
  }
  const creating = options.get("new-partner");
  return ds.transaction(async (em) => {
    let partner: Partner | null;
    if (creating !== undefined) {
      partner = newPartner(options, creating);
      if (
        await em.getRepository(Partner).existsBy([{ partnerId: partner.partnerId }, { tenantId: partner.tenantId }])
      ) {
        io.err(`A partner with Partner ID ${partner.partnerId} or tenant ${partner.tenantId} already exists.`);
        return 1;
      }
      await em.getRepository(Partner).insert(partner);
    } else {
      partner = await partnerFor(ds, options.get("partner"), io);
      if (!partner) return 1;
    }
    const user = Object.assign(new User(), {
      id: randomUUID(),
      partnerId: partner.id,
      email,
      displayName: displayName.trim(),
      role: role as UserRole,
      deactivatedAt: null,
    });
    await em.getRepository(User).insert(user);
    io.out(`Added ${email} (${role}) to ${partner.name} (Partner ID ${partner.partnerId}).`);
    return 0;
  });
}

async function list(ds: DataSource, options: Map<string, string>, io: CliIo): Promise<number> {
  const ref = options.get("partner");
  const partner = ref ? await findPartner(ds, ref) : null;
  if (ref && !partner) {
    io.err(`No partner has the id or Partner ID ${ref}.`);
    return 1;
  }
  const users = await ds.getRepository(User).find({
    where: partner ? { partnerId: partner.id } : {},
    relations: { partner: true },
    order: { email: "ASC" },
  });
  for (const u of users) {
    const status = u.deactivatedAt ? `deactivated ${u.deactivatedAt.toISOString()}` : "active";
    io.out(`${u.email}\t${u.role}\t${u.partner?.name ?? u.partnerId} (${u.partner?.partnerId ?? "?"})\t${status}`);
  }
  if (users.length === 0) io.err("No users.");
  return 0;
}

async function deactivate(ds: DataSource, words: string[], io: CliIo): Promise<number> {
  const email = words[1]?.trim().toLowerCase();
  if (!email) throw new UsageError("deactivate needs the user's email address");
  return ds.transaction(async (em) => {
    const user = await em.getRepository(User).findOneBy({ email });
    if (!user) {
      io.err(`No user has the email ${email}.`);
      return 1;
    }
    if (user.deactivatedAt) {
      io.err(`${email} is already deactivated.`);
      return 1;
    }
    await em.getRepository(User).update({ id: user.id }, { deactivatedAt: new Date() });
    io.out(`Deactivated ${email}: their sign-ins and API tokens are refused from now on.`);
    return 0;
  });
}

/** Runs one users command; returns the process exit code. */
export async function runUsersCommand(ds: DataSource, args: string[], io: CliIo): Promise<number> {
  try {
    const { words, options } = parse(args);
    switch (words[0]) {
      case "add":
        return await add(ds, words, options, io);
      case "list":
        return await list(ds, options, io);
      case "deactivate":
        return await deactivate(ds, words, io);
      default:
        throw new UsageError(words[0] ? `unknown command ${words[0]}` : "name a command");
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`users: ${error.message}\n${USAGE}`);
    return 2;
  }
}
