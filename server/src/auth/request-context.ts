import type { Request } from "express";
import { GraphQLError } from "graphql";
import type { DataSource } from "typeorm";
import type { AppConfig } from "../config";
import type { RequestContext, Viewer } from "../context";
import { Partner } from "../modules/partner/partner.entity";
import { User } from "../modules/user/user.entity";
import { Loaders } from "../loaders";
import { requestStore } from "../common/sql-counter";
import type { Locale } from "../common/locale";
import { toIsoDate } from "../common/dates";
import { verifyToken } from "./token";
import { TenantScope } from "./scope";

function localeOf(req: Request): Locale {
  const header = req.headers["accept-language"] ?? "";
  return /^\s*pt\b/i.test(header) ? "pt-PT" : "en";
}

function rejectToken(): GraphQLError {
  return new GraphQLError("The bearer token is invalid, expired, or names no user", {
    extensions: { code: "UNAUTHENTICATED", http: { status: 401 } },
  });
}

/** Resolves the bearer token to a user, their partner and the partner's tenant scope. */
export async function loadViewer(
  ds: DataSource,
  config: AppConfig,
  authorization: string | undefined,
): Promise<Viewer | null> {
  if (!authorization) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match) throw rejectToken();
  const email = await verifyToken(config.authSecret, match[1]!);
  if (!email) throw rejectToken();
  const user = await ds
    .getRepository(User)
    .createQueryBuilder("u")
    .innerJoinAndSelect("u.partner", "p")
    .where("u.email = :email", { email })
    .getOne();
  if (!user || !user.partner) throw rejectToken();
  const partner = user.partner as Partner;
  return { user, partner, scope: await TenantScope.load(ds, partner) };
}

export async function buildContext(req: Request, ds: DataSource, config: AppConfig): Promise<RequestContext> {
  const sql = requestStore.getStore() ?? { requestId: "", statements: 0 };
  const viewer = await loadViewer(ds, config, req.headers.authorization);
  return {
    config,
    dataSource: ds,
    viewer,
    loaders: new Loaders(ds, viewer?.scope ?? null, config.transferPolicy),
    locale: localeOf(req),
    today: toIsoDate(new Date()),
    sql,
  };
}
