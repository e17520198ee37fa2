import type { DataSource } from "typeorm";
import { ApiToken } from "../modules/api-token/api-token.entity";
import type { Partner } from "../modules/partner/partner.entity";
import { User } from "../modules/user/user.entity";
import { hashApiTokenSecret, looksLikeApiToken, sameHash } from "./api-token-secret";

/** How often at most a token's lastUsedAt is written: one UPDATE a minute per token, not one per request. */
export const LAST_USE_RESOLUTION_MS = 60_000;

/** A token that may be used now, with its creator and partner. */
export interface ApiTokenCaller {
  token: ApiToken;
  creator: User;
  partner: Partner;
}

/**
 * The live token a secret names, or null: unknown, revoked, expired, or made by a user who has since been
 * deactivated or moved to another partner. One indexed query (by hash), joined with the creator and partner.
 */
export async function findApiToken(ds: DataSource, secret: string, now: Date): Promise<ApiTokenCaller | null> {
  if (!looksLikeApiToken(secret)) return null;
  const hash = hashApiTokenSecret(secret);
  const token = await ds
    .getRepository(ApiToken)
    .createQueryBuilder("at")
    .innerJoinAndSelect("at.createdByUser", "u")
    .innerJoinAndSelect("u.partner", "p")
    .where("at.secret_hash = :hash", { hash })
    .getOne();
  if (!token || !sameHash(token.secretHash, hash)) return null;
  const creator = token.createdByUser;
  if (!creator?.partner || token.revokedAt || token.expiresAt.getTime() <= now.getTime()) return null;
  if (creator.deactivatedAt || creator.partnerId !== token.partnerId) return null;
  return { token, creator, partner: creator.partner };
}

/** Records the token's use, at most once per LAST_USE_RESOLUTION_MS (a conditional write: replicas agree). */
export async function recordApiTokenUse(ds: DataSource, token: ApiToken, now: Date): Promise<void> {
  const cutoff = new Date(now.getTime() - LAST_USE_RESOLUTION_MS);
  if (token.lastUsedAt && token.lastUsedAt.getTime() > cutoff.getTime()) return;
  await ds
    .createQueryBuilder()
    .update(ApiToken)
    .set({ lastUsedAt: now })
    .where("id = :id", { id: token.id })
    .andWhere("(last_used_at IS NULL OR last_used_at < :cutoff)", { cutoff })
    .execute();
}

/** The user a token acts as: its creator, with the role the token was made with. */
export function actingUser(caller: ApiTokenCaller): User {
  return Object.assign(new User(), caller.creator, { role: caller.token.role, partner: caller.partner });
}
