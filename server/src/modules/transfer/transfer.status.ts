import { Brackets, type ObjectLiteral, type SelectQueryBuilder } from "typeorm";
import { TransferStatus } from "../../domain/enums";
import { addDays, daysBetween, toIsoDate } from "../../common/dates";
import { TRANSFER_EXPIRY_DAYS, type Transfer } from "./transfer.entity";

/** What a transfer's status is as of a date: a PENDING one created more than 30 days before has expired. */
export function effectiveStatus(t: Pick<Transfer, "status" | "createdAt">, asOf: string): TransferStatus {
  if (t.status === TransferStatus.PENDING && daysBetween(toIsoDate(t.createdAt), asOf) > TRANSFER_EXPIRY_DAYS) {
    return TransferStatus.EXPIRED;
  }
  return t.status;
}

/** Stored as PENDING but past its 30 days: the first action on it saves it as EXPIRED. */
export function expiredWhilePending(t: Pick<Transfer, "status" | "createdAt">, asOf: string): boolean {
  return t.status === TransferStatus.PENDING && effectiveStatus(t, asOf) === TransferStatus.EXPIRED;
}

/** The last day a PENDING transfer can still be accepted. */
export function expiresOn(t: Pick<Transfer, "createdAt">): string {
  return addDays(toIsoDate(t.createdAt), TRANSFER_EXPIRY_DAYS);
}

/** Start of the first day on which transfers created before it count as expired, for SQL filters. */
export function expiryCutoff(asOf: string): Date {
  return new Date(`${addDays(asOf, -TRANSFER_EXPIRY_DAYS)}T00:00:00.000Z`);
}

/** SQL filter on effective status (alias.status + alias.created_at). */
export function whereEffectiveStatus<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  statuses: TransferStatus[],
  asOf: string,
): SelectQueryBuilder<T> {
  const cutoff = expiryCutoff(asOf);
  return qb.andWhere(
    new Brackets((w) => {
      for (const [i, status] of statuses.entries()) {
        const p = `effStatus${i}`;
        if (status === TransferStatus.PENDING) {
          w.orWhere(`(${alias}.status = :${p} AND ${alias}.created_at >= :expiryCutoff)`, {
            [p]: status,
            expiryCutoff: cutoff,
          });
        } else if (status === TransferStatus.EXPIRED) {
          w.orWhere(
            `(${alias}.status = :${p} OR (${alias}.status = 'PENDING' AND ${alias}.created_at < :expiryCutoff))`,
            {
              [p]: status,
              expiryCutoff: cutoff,
            },
          );
        } else {
          w.orWhere(`${alias}.status = :${p}`, { [p]: status });
        }
      }
    }),
  );
}
