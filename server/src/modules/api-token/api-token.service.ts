import { randomUUID } from "node:crypto";
import { IsNull } from "typeorm";
import { ensureOwnSignIn } from "../../auth/roles";
import { DISPLAY_PREFIX_LENGTH, hashApiTokenSecret, newApiTokenSecret } from "../../auth/api-token-secret";
import { paginate, type Page, type PageArgs } from "../../common/connection";
import { ensure, ensureNoErrors, ensureThat } from "../../common/ensure";
import { badInput } from "../../common/errors";
import { findByGlobalId } from "../../common/lookup";
import { userError, UserErrorCode } from "../../common/user-error";
import { InputChecks } from "../../common/validate";
import { ApiTokenScope } from "../../domain/enums";
import type { ServiceContext } from "../../service-context";
import { ApiToken } from "./api-token.entity";
import {
  MAX_API_TOKEN_DAYS,
  MAX_API_TOKEN_NAME_LENGTH,
  type CreateApiTokenInput,
  type RevokeApiTokenInput,
} from "./api-token.types";

const DAY_MS = 86_400_000;
const ALL_SCOPES = new Set<string>(Object.values(ApiTokenScope));

/** Newest first; the cursor carries the creation time as an ISO string. */
const newestFirst = {
  column: "at.created_at",
  idColumn: "at.id",
  direction: "DESC" as const,
  value: (t: ApiToken) => t.createdAt.toISOString(),
  id: (t: ApiToken) => t.id,
  toParameter: (v: string | number) => {
    const date = new Date(String(v));
    if (Number.isNaN(date.getTime())) throw badInput("after", "is not a cursor returned by this list");
    return date;
  },
};

function tokensOf(s: ServiceContext) {
  return s.scope.visibleApiTokens(
    s.em.getRepository(ApiToken).createQueryBuilder("at").innerJoinAndSelect("at.createdByUser", "u"),
    "at",
  );
}

/** API tokens of the viewer's partner. Managing them needs a user's own sign-in (auth/roles.ts). */
export class ApiTokenService {
  list(s: ServiceContext, page: PageArgs): Promise<Page<ApiToken>> {
    ensureOwnSignIn(s.viewer, s.locale);
    return paginate(tokensOf(s), page, newestFirst);
  }

  /** Makes a token acting with the creator's current role; the payload carries the secret, this once. */
  async create(s: ServiceContext, input: CreateApiTokenInput): Promise<{ token: string; apiToken: ApiToken }> {
    ensureOwnSignIn(s.viewer, s.locale);
    const checks = new InputChecks(s.locale).text("name", input.name, 1, MAX_API_TOKEN_NAME_LENGTH);
    const scopes = input.scopes ?? [];
    if (scopes.length === 0 || new Set(scopes).size !== scopes.length || !scopes.every((x) => ALL_SCOPES.has(x))) {
      checks.fail("scopes", "API_TOKEN_SCOPES");
    }
    const now = new Date();
    const expiresAt = input.expiresAt instanceof Date ? input.expiresAt.getTime() : NaN;
    if (!(expiresAt > now.getTime() && expiresAt <= now.getTime() + MAX_API_TOKEN_DAYS * DAY_MS)) {
      checks.fail("expiresAt", "API_TOKEN_EXPIRY", { days: MAX_API_TOKEN_DAYS });
    }
    ensureNoErrors(checks.errors);
    const secret = newApiTokenSecret();
    const apiToken = Object.assign(new ApiToken(), {
      id: randomUUID(),
      partnerId: s.actor.id,
      name: input.name.trim(),
      scopes: [...scopes].sort(),
      prefix: secret.slice(0, DISPLAY_PREFIX_LENGTH),
      secretHash: hashApiTokenSecret(secret),
      role: s.viewer.user.role,
      createdByUserId: s.viewer.user.id,
      createdAt: now,
      expiresAt: new Date(expiresAt),
      lastUsedAt: null,
      revokedAt: null,
    });
    await s.em.getRepository(ApiToken).insert(apiToken);
    apiToken.createdByUser = s.viewer.user;
    return { token: secret, apiToken };
  }

  /** Revokes a token of the viewer's partner: it is refused from the next request on. */
  async revoke(s: ServiceContext, input: RevokeApiTokenInput): Promise<{ apiToken: ApiToken }> {
    ensureOwnSignIn(s.viewer, s.locale);
    const notFound = () => userError("id", UserErrorCode.NOT_FOUND, s.t("API_TOKEN_NOT_FOUND"));
    const token = await findByGlobalId(
      input.id,
      "ApiToken",
      (id) => tokensOf(s).andWhere("at.id = :id", { id }).getOne(),
      notFound,
    );
    const revoked = { apiToken: token };
    ensureThat(
      token.revokedAt === null,
      () => userError("id", UserErrorCode.INVALID_STATE, s.t("API_TOKEN_ALREADY_REVOKED")),
      revoked,
    );
    const result = await s.em
      .getRepository(ApiToken)
      .update({ id: token.id, revokedAt: IsNull() }, { revokedAt: new Date() });
    ensureThat(result.affected === 1, () =>
      userError("id", UserErrorCode.INVALID_STATE, s.t("API_TOKEN_ALREADY_REVOKED")),
    );
    const reloaded = ensure(await tokensOf(s).andWhere("at.id = :id", { id: token.id }).getOne(), notFound);
    return { apiToken: reloaded };
  }
}

export const apiTokenService = new ApiTokenService();
