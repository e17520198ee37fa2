import type { DataSource, EntityMetadata } from "typeorm";
import type { PartnershipStatus } from "../domain/enums";
import { Partner } from "../modules/partner/partner.entity";
import { User } from "../modules/user/user.entity";
import { TenantScope, type PartnershipLink } from "./scope";
import { rawQuery } from "../common/raw-rows";

// The viewer of a user token in ONE statement (issue 10: the fixed cost of every request). It was two TypeORM
// query builders per request (the active user with its partner, then the partner's partnerships for its scope):
// building, running and hydrating them was ~13 % of a trivial query's CPU, and each statement costs a round trip.
// Same rows, same conditions: the partnerships come as a JSON array from a subquery, and the user and partner are
// hydrated through TypeORM's own metadata and driver conversions, so they equal what the query builder returned
// (viewer-lookup.test.ts compares both for every demo user). Nothing is cached: a deactivated user, a role change
// or a partnership change shows on the very next request.

/** Statements by data source and by credential kind: built once, from the entities' metadata. */
const statements = new WeakMap<DataSource, Map<string, string>>();

/** `alias.column AS "alias_column"` for every stored column of the entity (what `hydrate` reads back). */
export function columnsOf(ds: DataSource, meta: EntityMetadata, alias: string): string[] {
  return meta.columns
    .filter((c) => !c.isVirtual)
    .map((c) => `${alias}.${ds.driver.escape(c.databaseName)} AS ${ds.driver.escape(`${alias}_${c.databaseName}`)}`);
}

/**
 * TenantScope.load's read as one column, `partnerships`, of a statement that has the partner as `partnerAlias`:
 * its partnerships (as provider or reseller) as a JSON array of [provider, reseller, status], empty when none.
 */
export function partnershipsOf(ds: DataSource, partnerAlias: string): string {
  const link = "rp.provider_id, rp.reseller_id, rp.status";
  const where = `rp.provider_id = ${partnerAlias}.id OR rp.reseller_id = ${partnerAlias}.id`;
  return ds.options.type === "postgres"
    ? `(SELECT COALESCE(json_agg(json_build_array(${link})), '[]'::json) FROM reseller_partnership rp WHERE ${where}) AS "partnerships"`
    : `(SELECT json_group_array(json_array(${link})) FROM reseller_partnership rp WHERE ${where}) AS "partnerships"`;
}

/** The scope of a partner from the `partnerships` column of `partnershipsOf`. */
export function scopeFromRow(partner: Partner, row: Record<string, unknown>): TenantScope {
  const raw = row["partnerships"];
  const tuples = (typeof raw === "string" ? JSON.parse(raw) : raw) as [string, string, PartnershipStatus][];
  const links: PartnershipLink[] = tuples.map(([providerId, resellerId, status]) => ({
    providerId,
    resellerId,
    status,
  }));
  return TenantScope.fromPartnerships(partner, links);
}

/** The row a credential names (a session, an API token), joined to its user by `userColumn`. */
export interface CredentialTable {
  meta: EntityMetadata;
  alias: string;
  userColumn: string;
}

/**
 * The viewer's statement, built once per data source and `kind`: the credential's columns (if any), the user's
 * (`u`), the partner's (`p`) and the partner's partnerships, filtered by `where`. One shape for user tokens, sessions
 * and API tokens, so the three reads cannot drift apart.
 */
export function viewerStatement(ds: DataSource, kind: string, where: string, credential?: CredentialTable): string {
  let byKind = statements.get(ds);
  if (!byKind) statements.set(ds, (byKind = new Map()));
  const known = byKind.get(kind);
  if (known) return known;
  const user = ds.getMetadata(User);
  const partner = ds.getMetadata(Partner);
  const columns = [
    ...(credential ? columnsOf(ds, credential.meta, credential.alias) : []),
    ...columnsOf(ds, user, "u"),
    ...columnsOf(ds, partner, "p"),
  ];
  const from = credential
    ? `${ds.driver.escape(credential.meta.tableName)} ${credential.alias} INNER JOIN ${ds.driver.escape(user.tableName)} u ON u.id = ${credential.alias}.${credential.userColumn}`
    : `${ds.driver.escape(user.tableName)} u`;
  const sql =
    `SELECT ${columns.join(", ")}, ${partnershipsOf(ds, "p")} FROM ${from} ` +
    `INNER JOIN ${ds.driver.escape(partner.tableName)} p ON p.id = u.partner_id WHERE ${where}`;
  byKind.set(kind, sql);
  return sql;
}

/** The user (with its partner) and the partner's tenant scope from a row of `viewerStatement`. */
export function viewerOf(
  ds: DataSource,
  row: Record<string, unknown>,
): { user: User; partner: Partner; scope: TenantScope } {
  const partner = hydrate<Partner>(ds, ds.getMetadata(Partner), row, "p");
  const user = hydrate<User>(ds, ds.getMetadata(User), row, "u");
  user.partner = partner;
  return { user, partner, scope: scopeFromRow(partner, row) };
}

/** An entity from the row's `alias_column` values, converted as TypeORM's hydration converts them. */
export function hydrate<T>(ds: DataSource, meta: EntityMetadata, row: Record<string, unknown>, alias: string): T {
  const entity = meta.create(undefined, { fromDeserializer: true }) as T;
  for (const column of meta.columns) {
    if (column.isVirtual) continue;
    const value = row[`${alias}_${column.databaseName}`];
    if (value === undefined) continue;
    column.setEntityValue(entity as object, ds.driver.prepareHydratedValue(value, column));
  }
  return entity;
}

/** The active user an email names, with its partner and the partner's tenant scope; null when there is none. */
export async function findActiveViewer(
  ds: DataSource,
  email: string,
): Promise<{ user: User; partner: Partner; scope: TenantScope } | null> {
  // rawQuery numbers the placeholder on PostgreSQL and reads outside a query runner (common/raw-rows.ts).
  const sql = viewerStatement(ds, "user", `u.email = ? AND u.deactivated_at IS NULL`);
  const row = (await rawQuery(ds, sql, [email]))[0];
  return row ? viewerOf(ds, row) : null;
}
