import { randomUUID } from "node:crypto";
import { ensure, ensureNoErrors, ensureThat } from "../../common/ensure";
import { isUniqueViolation } from "../../common/unique-violation";
import { userError, UserErrorCode } from "../../common/user-error";
import { InputChecks } from "../../common/validate";
import { ensureOwnSignIn } from "../../auth/roles";
import type { ServiceContext } from "../../service-context";
import { SavedView } from "./saved-view.entity";
import { isFilterQuery, isSortOf, MAX_VIEW_NAME, MAX_VIEWS_PER_LIST, type SavedViewList } from "./saved-view.rules";
import type { CreateSavedViewInput, DeleteSavedViewInput, UpdateSavedViewInput } from "./saved-view.types";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Saved list views: each belongs to one user and only that user reads or changes it (an API token has none). A
 * view is a personal display preference, not a change to partner data, so it writes no audit event.
 */
export class SavedViewService {
  /** The viewer's views of one list, by name (at most MAX_VIEWS_PER_LIST: a bounded read, no paging needed). */
  list(s: ServiceContext, list: SavedViewList): Promise<SavedView[]> {
    ensureOwnSignIn(s.viewer, s.locale);
    return s.em.getRepository(SavedView).find({
      where: { userId: s.viewer.user.id, list },
      order: { name: "ASC", id: "ASC" },
      take: MAX_VIEWS_PER_LIST,
    });
  }

  async create(s: ServiceContext, input: CreateSavedViewInput): Promise<{ savedView: SavedView }> {
    ensureOwnSignIn(s.viewer, s.locale);
    const orderBy = input.orderBy ? input.orderBy : null;
    this.check(s, input.list, input.name, input.filter, orderBy);
    const count = await s.em.getRepository(SavedView).count({ where: { userId: s.viewer.user.id, list: input.list } });
    ensureThat(count < MAX_VIEWS_PER_LIST, () =>
      userError("list", UserErrorCode.INVALID_STATE, s.t("SAVED_VIEW_LIMIT", { max: MAX_VIEWS_PER_LIST })),
    );
    const now = new Date();
    const savedView = Object.assign(new SavedView(), {
      id: randomUUID(),
      userId: s.viewer.user.id,
      list: input.list,
      name: input.name.trim(),
      filter: input.filter,
      orderBy,
      createdAt: now,
      updatedAt: now,
    });
    await this.write(s, () => s.em.getRepository(SavedView).insert(savedView));
    return { savedView };
  }

  async update(s: ServiceContext, input: UpdateSavedViewInput): Promise<{ savedView: SavedView }> {
    ensureOwnSignIn(s.viewer, s.locale);
    const view = await this.own(s, input.id);
    const next = Object.assign(new SavedView(), view, {
      name: input.name === null || input.name === undefined ? view.name : input.name.trim(),
      filter: input.filter ?? view.filter,
      orderBy: input.orderBy === null || input.orderBy === undefined ? view.orderBy : input.orderBy || null,
      updatedAt: new Date(),
    });
    this.check(s, view.list, next.name, next.filter, next.orderBy);
    await this.write(s, () =>
      s.em.getRepository(SavedView).update(
        { id: view.id, userId: s.viewer.user.id },
        {
          name: next.name,
          filter: next.filter,
          orderBy: next.orderBy,
          updatedAt: next.updatedAt,
        },
      ),
    );
    return { savedView: next };
  }

  async delete(s: ServiceContext, input: DeleteSavedViewInput): Promise<{ deletedId: string }> {
    ensureOwnSignIn(s.viewer, s.locale);
    const view = await this.own(s, input.id);
    await s.em.getRepository(SavedView).delete({ id: view.id, userId: s.viewer.user.id });
    return { deletedId: view.id };
  }

  /** One of the viewer's own views; another user's is "not found", exactly like one that does not exist. */
  private async own(s: ServiceContext, id: string): Promise<SavedView> {
    const notFound = () => userError("id", UserErrorCode.NOT_FOUND, s.t("SAVED_VIEW_NOT_FOUND"));
    const clean = typeof id === "string" ? id.toLowerCase() : "";
    ensureThat(UUID.test(clean), notFound);
    const view = await s.em.getRepository(SavedView).findOne({ where: { id: clean, userId: s.viewer.user.id } });
    return ensure(view, notFound);
  }

  private check(s: ServiceContext, list: SavedViewList, name: string, filter: string, orderBy: string | null): void {
    const checks = new InputChecks(s.locale).text("name", name, 1, MAX_VIEW_NAME);
    if (!isFilterQuery(filter)) checks.fail("filter", "SAVED_VIEW_FILTER");
    if (orderBy !== null && !isSortOf(list, orderBy)) checks.fail("orderBy", "SAVED_VIEW_SORT");
    ensureNoErrors(checks.errors);
  }

  /** Inserts or updates; a second view of the same name on the same list is a user error on `name`. */
  private async write(s: ServiceContext, run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
    } catch (error) {
      if (isUniqueViolation(error)) {
        ensureThat(false, () => userError("name", UserErrorCode.ALREADY_EXISTS, s.t("SAVED_VIEW_NAME_TAKEN")));
      }
      throw error;
    }
  }
}

export const savedViewService = new SavedViewService();
