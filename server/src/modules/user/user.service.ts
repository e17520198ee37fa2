import { randomUUID } from "node:crypto";
import { IsNull } from "typeorm";
import { ensureOwnSignIn } from "../../auth/roles";
import { paginate, type Page, type PageArgs } from "../../common/connection";
import { ensure, ensureNoErrors, ensureThat } from "../../common/ensure";
import { findByGlobalId, forUpdate } from "../../common/lookup";
import { userError, UserErrorCode } from "../../common/user-error";
import { InputChecks } from "../../common/validate";
import { UserRole } from "../../domain/enums";
import type { ServiceContext } from "../../service-context";
import { ApiToken } from "../api-token/api-token.entity";
import { User } from "./user.entity";
import { isEmailAddress, mayManageRole } from "./user.rules";
import {
  MAX_DISPLAY_NAME_LENGTH,
  MAX_EMAIL_LENGTH,
  type ChangeUserRoleInput,
  type DeactivateUserInput,
  type InviteUserInput,
} from "./user.types";

const byEmail = {
  column: "u.email",
  idColumn: "u.id",
  direction: "ASC" as const,
  value: (u: User) => u.email,
  id: (u: User) => u.id,
};

const usersOf = (s: ServiceContext) => s.scope.visibleUsers(s.em.getRepository(User).createQueryBuilder("u"), "u");

/**
 * A user of the viewer's partner, or NOT_FOUND on `userId`. Not locked here: the write is conditional on what was
 * read (update below), and global admins are locked together, in id order, by ensureAnotherGlobalAdmin (locking the
 * target first would let two admins demoting each other deadlock).
 */
function targetUser(s: ServiceContext, globalId: string): Promise<User> {
  return findByGlobalId(
    globalId,
    "User",
    (id) => usersOf(s).andWhere("u.id = :id", { id }).getOne(),
    () => userError("userId", UserErrorCode.NOT_FOUND, s.t("USER_NOT_FOUND")),
  );
}

/**
 * Fails unless the partner keeps another active global admin besides `user`. The partner's global admins are
 * locked first (PostgreSQL), so that two admins demoting each other at once cannot both win.
 */
async function ensureAnotherGlobalAdmin(s: ServiceContext, user: User): Promise<void> {
  const admins = await forUpdate(
    usersOf(s)
      .andWhere("u.role = :role", { role: UserRole.GLOBAL_ADMIN })
      .andWhere("u.deactivated_at IS NULL")
      .orderBy("u.id"),
    s.canLockRows,
  ).getMany();
  ensureThat(
    admins.some((a) => a.id !== user.id),
    () => userError("userId", UserErrorCode.NOT_ALLOWED, s.t("LAST_GLOBAL_ADMIN")),
  );
}

function ensureMayManage(s: ServiceContext, target: User | null, newRole: UserRole | null, field: string): void {
  ensureThat(mayManageRole(s.viewer.user.role, target?.role ?? null, newRole), () =>
    userError(field, UserErrorCode.NOT_ALLOWED, s.t("ONLY_GLOBAL_ADMIN_MANAGES_GLOBAL_ADMINS")),
  );
}

/** Users of the viewer's partner (auth/roles.ts CAN_MANAGE_USERS); a user's own sign-in only. */
export class UserService {
  list(s: ServiceContext, page: PageArgs): Promise<Page<User>> {
    ensureOwnSignIn(s.viewer, s.locale);
    return paginate(usersOf(s), page, byEmail);
  }

  /** Adds a user to the viewer's partner; they sign in with this email. */
  async invite(s: ServiceContext, input: InviteUserInput): Promise<{ user: User }> {
    ensureOwnSignIn(s.viewer, s.locale);
    const email = input.email?.trim().toLowerCase() ?? "";
    const checks = new InputChecks(s.locale).text("displayName", input.displayName, 1, MAX_DISPLAY_NAME_LENGTH);
    if (email.length > MAX_EMAIL_LENGTH || !isEmailAddress(email)) checks.fail("email", "EMAIL_FORMAT");
    ensureNoErrors(checks.errors);
    ensureMayManage(s, null, input.role, "role");
    const user = Object.assign(new User(), {
      id: randomUUID(),
      partnerId: s.actor.id,
      email,
      displayName: input.displayName.trim(),
      role: input.role,
      deactivatedAt: null,
    });
    // ON CONFLICT DO NOTHING: a concurrent invitation of the same email gets the same answer as a later one.
    await s.em.createQueryBuilder().insert().into(User).values(user).orIgnore().execute();
    const inserted = await s.em.getRepository(User).findOneBy({ id: user.id });
    const created = ensure(inserted, () => userError("email", UserErrorCode.ALREADY_EXISTS, s.t("USER_EMAIL_IN_USE")));
    return { user: created };
  }

  /**
   * Gives a user of the partner another role. Their API tokens are revoked: a token acts with the role its
   * creator had when it was made, and that role no longer holds.
   */
  async changeRole(s: ServiceContext, input: ChangeUserRoleInput): Promise<{ user: User }> {
    ensureOwnSignIn(s.viewer, s.locale);
    const user = await targetUser(s, input.userId);
    ensureMayManage(s, user, input.role, "role");
    ensureThat(
      user.deactivatedAt === null,
      () => userError("userId", UserErrorCode.INVALID_STATE, s.t("USER_DEACTIVATED")),
      { user },
    );
    if (user.role === input.role) return { user };
    if (user.role === UserRole.GLOBAL_ADMIN) await ensureAnotherGlobalAdmin(s, user);
    return { user: await this.update(s, user, { role: input.role }) };
  }

  /** Deactivates a user of the partner: their sign-in and their API tokens are refused from the next request. */
  async deactivate(s: ServiceContext, input: DeactivateUserInput): Promise<{ user: User }> {
    ensureOwnSignIn(s.viewer, s.locale);
    const user = await targetUser(s, input.userId);
    ensureThat(user.id !== s.viewer.user.id, () =>
      userError("userId", UserErrorCode.NOT_ALLOWED, s.t("CANNOT_DEACTIVATE_SELF")),
    );
    ensureThat(
      user.deactivatedAt === null,
      () => userError("userId", UserErrorCode.INVALID_STATE, s.t("USER_DEACTIVATED")),
      { user },
    );
    ensureMayManage(s, user, null, "userId");
    if (user.role === UserRole.GLOBAL_ADMIN) await ensureAnotherGlobalAdmin(s, user);
    return { user: await this.update(s, user, { deactivatedAt: new Date() }) };
  }

  /** A conditional write (the user is still active, with the role read), then the user's tokens are revoked. */
  private async update(s: ServiceContext, user: User, changes: Partial<Pick<User, "role" | "deactivatedAt">>) {
    const result = await s.em
      .getRepository(User)
      .update({ id: user.id, role: user.role, deactivatedAt: IsNull() }, changes);
    ensureThat(result.affected === 1, () => userError("userId", UserErrorCode.CONFLICT, s.t("USER_CHANGED")));
    await s.em
      .getRepository(ApiToken)
      .update({ createdByUserId: user.id, revokedAt: IsNull() }, { revokedAt: new Date() });
    return ensure(await s.em.getRepository(User).findOneBy({ id: user.id }), () =>
      userError("userId", UserErrorCode.NOT_FOUND, s.t("USER_NOT_FOUND")),
    );
  }
}

export const userService = new UserService();
