import { Brackets, type ObjectLiteral, type SelectQueryBuilder } from "typeorm";

// Hand-written statements keep the tenant scope of auth/scope.ts (issue 10): a TenantScope helper is applied to a
// recorder standing in for a query builder, and the conditions it adds (the very strings and Brackets it would give
// TypeORM) become one SQL condition with `?` placeholders, for rawQuery. No query builder is built per statement;
// the scope's rules stay written in one place.

/** A WHERE condition with `?` placeholders and their values, in the order of the text. */
export interface SqlCondition {
  sql: string;
  params: unknown[];
}

type Part = { conjunction: "AND" | "OR"; text: string };

/** The where-methods TenantScope's helpers call on a query builder, recording instead of building. */
class WhereRecorder {
  readonly parts: Part[] = [];
  constructor(private readonly parameters: Record<string, unknown>) {}

  where(condition: string | Brackets, params?: ObjectLiteral): this {
    return this.add("AND", condition, params);
  }
  andWhere(condition: string | Brackets, params?: ObjectLiteral): this {
    return this.add("AND", condition, params);
  }
  orWhere(condition: string | Brackets, params?: ObjectLiteral): this {
    return this.add("OR", condition, params);
  }

  private add(conjunction: "AND" | "OR", condition: string | Brackets, params?: ObjectLiteral): this {
    if (params) Object.assign(this.parameters, params);
    let text: string;
    if (typeof condition === "string") text = condition;
    else if (condition instanceof Brackets) {
      const inner = new WhereRecorder(this.parameters);
      condition.whereFactory(inner as never);
      text = inner.text();
    } else throw new Error("scoped-sql: only string and Brackets conditions are recorded");
    this.parts.push({ conjunction, text });
    return this;
  }

  text(): string {
    return this.parts.map((p, i) => `${i === 0 ? "" : ` ${p.conjunction} `}(${p.text})`).join("");
  }
}

/**
 * The condition a scope helper adds, e.g. `scopeCondition((qb) => scope.visibleCustomers(qb, "c.id"))`, as SQL with
 * `?` placeholders: `:name` takes one value, `:...name` a list (an empty list matches nothing). A helper that calls
 * anything but where/andWhere/orWhere fails here rather than being half-applied.
 */
export function scopeCondition(apply: (qb: SelectQueryBuilder<ObjectLiteral>) => unknown): SqlCondition {
  const parameters: Record<string, unknown> = {};
  const recorder = new WhereRecorder(parameters);
  apply(recorder as unknown as SelectQueryBuilder<ObjectLiteral>);
  if (recorder.parts.length === 0) throw new Error("scoped-sql: the scope added no condition");
  const params: unknown[] = [];
  const sql = recorder.text().replace(/(?<!:):(\.\.\.)?([A-Za-z_][A-Za-z0-9_]*)/g, (_, spread, name: string) => {
    if (!(name in parameters)) throw new Error(`scoped-sql: no value for :${name}`);
    const value = parameters[name];
    if (!spread) {
      params.push(value);
      return "?";
    }
    const list = value as readonly unknown[];
    if (list.length === 0) return "NULL";
    params.push(...list);
    return list.map(() => "?").join(", ");
  });
  return { sql: `(${sql})`, params };
}
