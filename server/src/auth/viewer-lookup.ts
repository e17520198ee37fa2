import type { DataSource, EntityMetadata } from "typeorm";
import type { PartnershipStatus } from "../domain/enums";
import { Partner } from "../modules/partner/partner.entity";
import { User } from "../modules/user/user.entity";
import { TenantScope, type PartnershipLink } from "./scope";

// The viewer of a user token in ONE statement (issue 10: the fixed cost of every request). It was two TypeORM
// query builders per request (the active user with its partner, then the partner's partnerships for its scope):
// building, running and hydrating them was ~13 % of a trivial query's CPU, and each statement costs a round trip.
// Same rows, same conditions: the partnerships come as a JSON array from a subquery, and the user and partner are
// hydrated through TypeORM's own metadata and driver conversions, so they equal what the query builder returned
// (viewer-lookup.test.ts compares both for every demo user). Nothing is cached: a deactivated user, a role change
// or a partnership change shows on the very next request.

interface Statement {
  sql: string;
  postgres: boolean;
  user: EntityMetadata;
  partner: EntityMetadata;
}

const statements = new WeakMap<DataSource, Statement>();

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

function statementOf(ds: DataSource): Statement {
  const known = statements.get(ds);
  if (known) return known;
  const postgres = ds.options.type === "postgres";
  const user = ds.getMetadata(User);
  const partner = ds.getMetadata(Partner);
  const sql =
    `SELECT ${[...columnsOf(ds, user, "u"), ...columnsOf(ds, partner, "p")].join(", ")}, ${partnershipsOf(ds, "p")} ` +
    `FROM ${ds.driver.escape(user.tableName)} u INNER JOIN ${ds.driver.escape(partner.tableName)} p ON p.id = u.partner_id ` +
    `WHERE u.email = ${postgres ? "$1" : "?"} AND u.deactivated_at IS NULL`;
  const made = { sql, postgres, user, partner };
  statements.set(ds, made);
  return made;
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
  const statement = statementOf(ds);
  const rows = (await ds.query(statement.sql, [email])) as Record<string, unknown>[];
  const row = rows[0];
  if (!row) return null;
  const partner = hydrate<Partner>(ds, statement.partner, row, "p");
  const user = hydrate<User>(ds, statement.user, row, "u");
  user.partner = partner;
  return { user, partner, scope: scopeFromRow(partner, row) };
}
