import type { DataSource } from "typeorm";
import { unauthenticated } from "./common/errors";
import type { AppConfig } from "./config";
import type { Partner } from "./modules/partner/partner.entity";
import type { User } from "./modules/user/user.entity";
import type { TenantScope } from "./auth/scope";
import type { Loaders } from "./loaders";
import type { Locale } from "./common/locale";
import type { ApiTokenScope } from "./domain/enums";
import type { UpstreamPort } from "./upstream/upstream";
import type { RequestStore } from "./common/sql-counter";

export interface Viewer {
  /** The signed-in user; for an API token, its creator with the role the token was made with. */
  user: User;
  partner: Partner;
  scope: TenantScope;
  /** The API token the request was made with (the actor for the audit), or null for a user's own sign-in. */
  apiTokenId: string | null;
  /** The token's scopes (READ, WRITE); empty for a user's own sign-in, which is not narrowed. */
  apiTokenScopes: readonly ApiTokenScope[];
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
  /** Where the partner network lives (upstream/upstream.ts): services write through it. */
  upstream: UpstreamPort;
  /** The caller's Idempotency-Key, scoped to the caller (http/idempotency.ts), or null when none was sent. */
  idempotencyScope: string | null;
  /** This request: its id (X-Request-Id), its caller's budget key and, when COUNT_SQL is on, its SQL statements. */
  request: RequestStore;
}

/** The viewer, or an UNAUTHENTICATED error. */
export function requireViewer(ctx: { viewer: Viewer | null }): Viewer {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer;
}
