import type { DataSource } from "typeorm";
import { unauthenticated } from "./common/errors";
import type { AppConfig } from "./config";
import type { Partner } from "./modules/partner/partner.entity";
import type { User } from "./modules/user/user.entity";
import type { TenantScope } from "./auth/scope";
import type { Loaders } from "./loaders";
import type { Locale } from "./common/locale";

export interface Viewer {
  user: User;
  partner: Partner;
  scope: TenantScope;
  /** The API token the request was signed with (null or absent for a user's own sign-in). */
  apiTokenId?: string | null;
}

export interface RequestContext {
  config: AppConfig;
  dataSource: DataSource;
  /** Null for anonymous requests (only public operations answer them). */
  viewer: Viewer | null;
  loaders: Loaders;
  locale: Locale;
  /** Today's date (UTC) for this request: the default `asOf`. Read once, here, never by the rules. */
  today: string;
  /** SQL statements issued for this request so far (when counting is on). */
  sql: { statements: number };
}

/** The viewer, or an UNAUTHENTICATED error. */
export function requireViewer(ctx: { viewer: Viewer | null }): Viewer {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer;
}
