import { randomUUID } from "node:crypto";
import { instantColumn, paginate, sortOrder, SortDirection, type Page, type PageArgs } from "../../common/connection";
import { ensure, ensureNoErrors, ensureThat } from "../../common/ensure";
import { requireId } from "../../common/global-id";
import { forUpdate } from "../../common/lookup";
import { userError, UserErrorCode, type UserError } from "../../common/user-error";
import { updateVersioned } from "../../common/versioned";
import { EligibilityAction, TransferStatus } from "../../domain/enums";
import type { ServiceContext } from "../../service-context";
import { upstreamProvenance, writeThrough } from "../../upstream/write-through";
import { visibleCustomer } from "../customer/customer.lookups";
import { EligibilityService, decisionTime } from "../eligibility/eligibility.service";
import { namedReseller } from "../partner/partner.lookups";
import { CustomerSubscription } from "../subscription/customer-subscription.entity";
import { Transfer, TransferLine } from "./transfer.entity";
import { ACTOR_RULE_FIELDS, basesOf, lineErrors, onlySource, RequestedSubscriptions } from "./transfer-lines";
import { visibleTransfer } from "./transfer.lookups";
import { effectiveStatus, expiredWhilePending, expiryCutoff, whereEffectiveStatus } from "./transfer.status";
import {
  TransferSortField,
  type CreateTransferInput,
  type TransferFilter,
  type TransferIdInput,
  type TransferOrder,
} from "./transfer.types";

export interface TransferResult {
  transfer: Transfer;
  /** Set only when a PENDING transfer was found expired: the expiry is committed and reported. */
  userErrors?: UserError[];
}

/** Which party to a transfer may answer it. */
type Party = "source" | "target";

/** The transfer list's sort keys; CUSTOMER_NAME joins the customer (alias tc). */
const TRANSFER_SORTS = {
  CREATED_AT: instantColumn("t.created_at", (t: Transfer) => t.createdAt),
  CUSTOMER_NAME: { column: "tc.name", value: (t: Transfer) => t.customer?.name ?? "" },
};

/** The transfer list's order: newest first unless orderBy says. */
export const transferOrder = (orderBy: TransferOrder | null) =>
  sortOrder(TRANSFER_SORTS, { idColumn: "t.id", id: (t: Transfer) => t.id }, orderBy, {
    field: TransferSortField.CREATED_AT,
    direction: SortDirection.DESC,
  });

/** Partner-to-partner transfers: the target asks, the source accepts or rejects, the target may withdraw. */
export class TransferService {
  /** Transfers the viewer's network is a party to, filtered on their status as of today, newest first by default. */
  async list(
    s: ServiceContext,
    filter: TransferFilter | null,
    page: PageArgs,
    orderBy: TransferOrder | null = null,
  ): Promise<Page<Transfer>> {
    return paginate(this.query(s, filter, orderBy), page, transferOrder(orderBy));
  }

  /** The filtered, scoped transfer query (the list and its CSV export). */
  query(s: ServiceContext, filter: TransferFilter | null, orderBy: TransferOrder | null) {
    const qb = s.scope.visibleTransfers(s.em.getRepository(Transfer).createQueryBuilder("t"), "t");
    if (filter?.status?.length) whereEffectiveStatus(qb, "t", filter.status, s.today);
    if (filter?.direction) s.scope.transfersInDirection(qb, "t", filter.direction);
    if (filter?.customerId) {
      qb.andWhere("t.customer_id = :customerId", {
        customerId: requireId(filter.customerId, "Customer", "filter.customerId"),
      });
    }
    if (filter?.expiresBefore) {
      // The same cutoff as the dashboard's count: created before the date's expiry cutoff.
      qb.andWhere("t.created_at < :expiresCutoff", { expiresCutoff: expiryCutoff(filter.expiresBefore) });
    }
    if (orderBy?.field === TransferSortField.CUSTOMER_NAME) qb.innerJoinAndSelect("t.customer", "tc");
    return qb;
  }

  /** The target asks the source to hand over CSP subscriptions of one customer; each line is decided (TRANSFER). */
  async create(s: ServiceContext, input: CreateTransferInput): Promise<TransferResult> {
    const requested = RequestedSubscriptions.parse(input.subscriptionIds, s.t);
    const customer = await visibleCustomer(s, input.customerId);
    const reseller = await namedReseller(s, input.resellerId);
    const rows = await lockedWithAddOns(s, customer.id, requested.ids);
    const { bases, lines } = requested.lines(rows, s.t);
    const decisions = await new EligibilityService(s.em).decideForSubscriptions(
      s.actor,
      EligibilityAction.TRANSFER,
      bases,
      { asOf: s.today, ...decisionTime(s), policy: s.config.transferPolicy, reseller },
    );
    ensureNoErrors(lineErrors(decisions, bases, (b) => requested.field(b.id), s.locale, ACTOR_RULE_FIELDS));
    const sourcePartnerId = onlySource(bases, s.t);
    // Allowed: Partner Center records the request first; the local transfer is keyed by Partner Center's id.
    const byId = new Map(rows.map((r) => [r.id, r]));
    const upstreamId = await writeThrough(s, { operation: "createTransfer", field: "subscriptionIds" }, () =>
      s.upstream.createTransfer(
        {
          customerId: customer.id,
          sourcePartnerTenantId: sourcePartnerId,
          targetPartnerTenantId: s.actor.id,
          lineItems: lines.map((l) => ({
            subscriptionId: l.id,
            quantity: byId.get(l.id)?.quantity ?? 0,
            friendlyName: byId.get(l.id)?.offerName ?? "",
            partnerIdOnRecord: reseller?.partnerId ?? null,
          })),
        },
        s.upstreamRequestId,
      ),
    );
    const transfer = Object.assign(new Transfer(), {
      id: upstreamId ?? randomUUID(),
      customerId: customer.id,
      sourcePartnerId,
      targetPartnerId: s.actor.id,
      resellerId: reseller?.id ?? null,
      status: TransferStatus.PENDING,
      createdAt: new Date(),
      respondedAt: null,
      createdByUserId: s.viewer.user.id,
      version: 1,
      ...upstreamProvenance(s),
    });
    await s.em.insert(Transfer, transfer);
    s.audit.change("Transfer", null, transfer);
    for (const l of lines) s.audit.target("CustomerSubscription", l.id);
    await s.em.insert(
      TransferLine,
      lines.map((l) => ({ id: randomUUID(), transferId: transfer.id, subscriptionId: l.id })),
    );
    return { transfer };
  }

  /** The source accepts: decided again for the target (the world may have moved on), then the subscriptions move. */
  accept(s: ServiceContext, input: TransferIdInput): Promise<TransferResult> {
    return this.whilePending(s, input.transferId, "source", async (transfer) => {
      const subscriptions = await lockedLines(s, transfer);
      const bases = basesOf(subscriptions);
      const target = ensure(await s.loaders.partner.load(transfer.targetPartnerId), () => new Error("no target"));
      const reseller = transfer.resellerId ? await s.loaders.partner.load(transfer.resellerId) : null;
      const decisions = await new EligibilityService(s.em).decideForSubscriptions(
        target,
        EligibilityAction.TRANSFER,
        bases,
        {
          asOf: s.today,
          ...decisionTime(s),
          policy: s.config.transferPolicy,
          reseller,
          excludeTransferId: transfer.id,
        },
      );
      ensureNoErrors(
        lineErrors(decisions, bases, () => "transferId", s.locale),
        { transfer },
      );
      ensureThat(
        subscriptions.every((x) => x.transactingPartnerId === s.actor.id),
        () => userError("transferId", UserErrorCode.INVALID_STATE, s.t("TRANSFER_NO_LONGER_BILLED_BY_YOU")),
        { transfer },
      );
      await upstreamAnswer(s, transfer, "Complete", "acceptTransfer");
      await moveToTarget(s, subscriptions, transfer);
      return { transfer: await finish(s, transfer, TransferStatus.COMPLETED) };
    });
  }

  /**
   * The source declines. Local only, also with the partner-center adapter: for a new-commerce transfer Partner Center
   * documents accepting (Complete) and cancelling by the target that created it (Cancel), and nothing for the source
   * to decline (https://learn.microsoft.com/partner-center/developer/update-a-transfer); its "reject" status is for
   * traditional license-based transfers only (https://learn.microsoft.com/partner-center/developer/reject-a-transfer),
   * which channelgate never creates. Partner Center keeps the request Active until it expires; the sync keeps
   * channelgate's rejection (partner-center/sync.ts).
   */
  reject(s: ServiceContext, input: TransferIdInput): Promise<TransferResult> {
    return this.whilePending(s, input.transferId, "source", async (transfer) => ({
      transfer: await finish(s, transfer, TransferStatus.REJECTED),
    }));
  }

  /** The target withdraws its request. */
  withdraw(s: ServiceContext, input: TransferIdInput): Promise<TransferResult> {
    return this.whilePending(s, input.transferId, "target", async (transfer) => {
      await upstreamAnswer(s, transfer, "Cancel", "withdrawTransfer");
      return { transfer: await finish(s, transfer, TransferStatus.WITHDRAWN) };
    });
  }

  /**
   * Runs `answer` on the transfer if the viewer's partner is the given party and it is still PENDING. One past its
   * 30 days is saved as EXPIRED instead, and that is committed: the answer is a TRANSFER_EXPIRED user error.
   */
  private async whilePending(
    s: ServiceContext,
    globalId: string,
    party: Party,
    answer: (transfer: Transfer) => Promise<TransferResult>,
  ): Promise<TransferResult> {
    const transfer = await visibleTransfer(s, globalId);
    const partyId = party === "source" ? transfer.sourcePartnerId : transfer.targetPartnerId;
    ensureThat(partyId === s.actor.id, () =>
      userError(
        "transferId",
        UserErrorCode.NOT_ALLOWED,
        s.t(party === "source" ? "ONLY_SOURCE_PARTNER" : "ONLY_TARGET_PARTNER"),
      ),
    );
    if (expiredWhilePending(transfer, s.today)) {
      return {
        transfer: await finish(s, transfer, TransferStatus.EXPIRED),
        userErrors: [userError("transferId", UserErrorCode.TRANSFER_EXPIRED, s.t("TRANSFER_EXPIRED"))],
      };
    }
    const status = effectiveStatus(transfer, s.today);
    ensureThat(status === TransferStatus.PENDING, () =>
      userError("transferId", UserErrorCode.INVALID_STATE, s.t("TRANSFER_NOT_PENDING", { status })),
    );
    return answer(transfer);
  }
}

/**
 * Accept ("Complete") or withdraw ("Cancel") in Partner Center before the local answer (Update a transfer). A
 * rejection stays channelgate's own: the update-a-transfer page documents accepting and cancelling only.
 */
function upstreamAnswer(s: ServiceContext, transfer: Transfer, status: "Complete" | "Cancel", operation: string) {
  return writeThrough(s, { operation, field: "transferId", partial: { transfer } }, () =>
    s.upstream.updateTransfer(transfer.customerId, transfer.id, status, s.upstreamRequestId),
  );
}

/** The named subscriptions of the customer and their add-ons, locked until the transfer is written (PostgreSQL). */
function lockedWithAddOns(s: ServiceContext, customerId: string, ids: string[]): Promise<CustomerSubscription[]> {
  const qb = s.em
    .getRepository(CustomerSubscription)
    .createQueryBuilder("s")
    .where("s.customer_id = :customerId", { customerId })
    .andWhere("(s.id IN (:...ids) OR s.parent_id IN (:...ids))", { ids });
  return forUpdate(qb, s.canLockRows).getMany();
}

/** The subscriptions on a transfer's lines, locked until they have moved (PostgreSQL). */
function lockedLines(s: ServiceContext, transfer: Transfer): Promise<CustomerSubscription[]> {
  const qb = s.em
    .getRepository(CustomerSubscription)
    .createQueryBuilder("s")
    .where("s.id IN (SELECT tl.subscription_id FROM transfer_line tl WHERE tl.transfer_id = :transferId)", {
      transferId: transfer.id,
    })
    .orderBy("s.offer_name")
    .addOrderBy("s.id");
  return forUpdate(qb, s.canLockRows).getMany();
}

/** The target bills them from now on, for the reseller it named. Every line moves, or none does. */
async function moveToTarget(s: ServiceContext, subscriptions: CustomerSubscription[], transfer: Transfer) {
  const moved = {
    transactingPartnerId: transfer.targetPartnerId,
    resellerOfRecordId: transfer.resellerId,
    updatedAt: new Date(),
  };
  const result = await s.em
    .createQueryBuilder()
    .update(CustomerSubscription)
    .set({ ...moved, version: () => "version + 1" })
    .whereInIds(subscriptions.map((x) => x.id))
    .execute();
  ensureThat(result.affected === subscriptions.length, () =>
    userError("transferId", UserErrorCode.CONFLICT, s.t("TRANSFER_CHANGED")),
  );
  for (const x of subscriptions) {
    s.audit.change("CustomerSubscription", x, { ...x, ...moved, version: x.version + 1 });
  }
}

/** Leaves PENDING only over the version that was read: a concurrent answer wins, this one is refused. */
async function finish(s: ServiceContext, transfer: Transfer, status: TransferStatus): Promise<Transfer> {
  const finished = await updateVersioned(
    s.em,
    Transfer,
    transfer,
    { status, respondedAt: new Date() },
    () => userError("transferId", UserErrorCode.CONFLICT, s.t("TRANSFER_CHANGED")),
    { where: { status: TransferStatus.PENDING } },
  );
  s.audit.change("Transfer", transfer, finished);
  return finished;
}
