import type { DataSource, SelectQueryBuilder } from "typeorm";
import { addDays, toIsoDate, type IsoDate } from "../../common/dates";
import { logger } from "../../common/log";
import { runInTransaction } from "../../common/transaction";
import { CommerceModel, SubscriptionStatus, TransferStatus } from "../../domain/enums";
import { CANCELLATION_WINDOW_DAYS } from "../eligibility/rules/subscription.rules";
import { CustomerSubscription } from "../subscription/customer-subscription.entity";
import { Transfer, TRANSFER_EXPIRY_DAYS } from "../transfer/transfer.entity";
import { expiresOn } from "../transfer/transfer.status";
import { dedupeKey } from "./event-mapping";
import { LiveEventType } from "./live-event-type";
import { writeOutboxEvents, type OutboxDraft } from "./outbox.writer";

/** Days ahead the scheduler announces: a transfer's expiry and a term's end. */
export const TRANSFER_EXPIRING_DAYS = 3;
export const TERM_ENDING_DAYS = 7;
const BATCH = 500;

const midnight = (d: IsoDate) => new Date(`${d}T00:00:00.000Z`);

/**
 * The timed events due on `today` (UTC), each written once (its dedupe key names the subject and the date it
 * announces), with its audience, in batches of one transaction each; keyset pages by id, so a large network is
 * scanned in bounded steps. Every window is bounded in time, so a row kept past its date is never needed to
 * dedupe (the cleanup keeps rows until their date has passed). Returns how many events were offered.
 *
 * - CANCELLATION_WINDOW_CLOSING: a new-commerce subscription on the last day it can be cancelled (the window is
 *   CANCELLATION_WINDOW_DAYS from purchase or last renewal; Microsoft Learn, "New commerce cancellation policy",
 *   https://learn.microsoft.com/en-us/partner-center/customers/new-commerce-cancellation-policy).
 * - TRANSFER_EXPIRING: a PENDING transfer whose last day is within TRANSFER_EXPIRING_DAYS.
 * - TRANSFER_EXPIRED: a PENDING transfer past its last day in the last two days (the same key as the mutation
 *   that saves it EXPIRED, so whichever comes first is the one event).
 * - TERM_ENDING: an ACTIVE subscription whose term ends within TERM_ENDING_DAYS.
 */
export async function scanTimedEvents(ds: DataSource, today: IsoDate): Promise<number> {
  let offered = 0;
  const windowStart = addDays(today, -CANCELLATION_WINDOW_DAYS);
  offered += await scanSubscriptions(
    ds,
    (qb) =>
      qb
        .andWhere("s.commerce_model = :nce", { nce: CommerceModel.NEW_COMMERCE })
        .andWhere("s.status = :active", { active: SubscriptionStatus.ACTIVE })
        .andWhere("(s.renewal_date = :ws OR (s.renewal_date IS NULL AND s.purchase_date = :ws))", { ws: windowStart }),
    (s) => ({ type: LiveEventType.CANCELLATION_WINDOW_CLOSING, dueOn: today, s }),
  );
  offered += await scanSubscriptions(
    ds,
    (qb) =>
      qb
        .andWhere("s.status = :active", { active: SubscriptionStatus.ACTIVE })
        .andWhere("s.commitment_end_date >= :from AND s.commitment_end_date <= :to", {
          from: today,
          to: addDays(today, TERM_ENDING_DAYS),
        }),
    (s) => ({ type: LiveEventType.TERM_ENDING, dueOn: s.commitmentEndDate, s }),
  );
  // Created on day D, a transfer's last day is D + TRANSFER_EXPIRY_DAYS.
  const createdOn = (lastDay: IsoDate) => addDays(lastDay, -TRANSFER_EXPIRY_DAYS);
  offered += await scanTransfers(
    ds,
    midnight(createdOn(today)),
    midnight(createdOn(addDays(today, TRANSFER_EXPIRING_DAYS + 1))),
    LiveEventType.TRANSFER_EXPIRING,
  );
  offered += await scanTransfers(
    ds,
    midnight(createdOn(addDays(today, -2))),
    midnight(createdOn(today)),
    LiveEventType.TRANSFER_EXPIRED,
  );
  return offered;
}

type SubscriptionQuery = SelectQueryBuilder<CustomerSubscription>;

async function scanSubscriptions(
  ds: DataSource,
  where: (qb: SubscriptionQuery) => SubscriptionQuery,
  draft: (s: CustomerSubscription) => { type: LiveEventType; dueOn: IsoDate; s: CustomerSubscription },
): Promise<number> {
  let after = "";
  let offered = 0;
  for (;;) {
    const page = await where(
      ds
        .getRepository(CustomerSubscription)
        .createQueryBuilder("s")
        .select(["s.id", "s.customerId", "s.commitmentEndDate"])
        .where("s.id > :after", { after }),
    )
      .orderBy("s.id", "ASC")
      .limit(BATCH)
      .getMany();
    if (page.length === 0) return offered;
    const drafts: OutboxDraft[] = page.map((row) => {
      const d = draft(row as CustomerSubscription);
      return {
        type: d.type,
        subjectType: "CustomerSubscription",
        subjectId: row.id,
        customerId: row.customerId,
        operation: null,
        dueOn: d.dueOn,
        dedupeKey: dedupeKey(d.type, row.id, d.dueOn),
      };
    });
    offered += await writeNew(ds, drafts);
    after = page[page.length - 1]!.id;
    if (page.length < BATCH) return offered;
  }
}

async function scanTransfers(ds: DataSource, from: Date, to: Date, type: LiveEventType): Promise<number> {
  let after = "";
  let offered = 0;
  for (;;) {
    const page = await ds
      .getRepository(Transfer)
      .createQueryBuilder("t")
      .select(["t.id", "t.customerId", "t.createdAt"])
      .where("t.status = :pending", { pending: TransferStatus.PENDING })
      .andWhere("t.created_at >= :from AND t.created_at < :to", { from, to })
      .andWhere("t.id > :after", { after })
      .orderBy("t.id", "ASC")
      .limit(BATCH)
      .getMany();
    if (page.length === 0) return offered;
    offered += await writeNew(
      ds,
      page.map((t) => ({
        type,
        subjectType: "Transfer",
        subjectId: t.id,
        customerId: t.customerId,
        operation: null,
        dueOn: expiresOn(t),
        // TRANSFER_EXPIRED shares the mutation path's key (event-mapping.ts): one event whoever sees it first.
        dedupeKey:
          type === LiveEventType.TRANSFER_EXPIRED ? dedupeKey(type, t.id) : dedupeKey(type, t.id, expiresOn(t)),
      })),
    );
    after = page[page.length - 1]!.id;
    if (page.length < BATCH) return offered;
  }
}

/** Writes the drafts not yet in the outbox (their keys looked up first, so known ones cost no audience query). */
async function writeNew(ds: DataSource, drafts: OutboxDraft[]): Promise<number> {
  return runInTransaction(ds, async (em) => {
    const keys = drafts.map((d) => d.dedupeKey!);
    const known = new Set(
      (
        await em
          .createQueryBuilder()
          .select("o.dedupe_key", "key")
          .from("outbox_event", "o")
          .where("o.dedupe_key IN (:...keys)", { keys })
          .getRawMany<{ key: string }>()
      ).map((r) => r.key),
    );
    return writeOutboxEvents(
      em,
      drafts.filter((d) => !known.has(d.dedupeKey!)),
    );
  });
}

/** Runs the scan now and then every `everyMs`; each run is logged when it wrote events. */
export function scheduleTimedEvents(ds: DataSource, everyMs: number, onWritten: () => void): () => void {
  let busy = false;
  const run = async () => {
    if (busy) return;
    busy = true;
    try {
      const n = await scanTimedEvents(ds, toIsoDate(new Date()));
      if (n > 0) {
        logger.info({ events: n }, "timed events written");
        onWritten();
      }
    } catch (error) {
      logger.error({ err: error instanceof Error ? error.message : String(error) }, "timed event scan failed");
    } finally {
      busy = false;
    }
  };
  void run();
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
