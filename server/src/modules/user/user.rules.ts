import { UserRole } from "../../domain/enums";

/** A plain email address: one @, no spaces or control characters, a dotted domain. */
export function isEmailAddress(value: string): boolean {
  return /^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+\.[^\s@\p{Cc}]+$/u.test(value);
}

/**
 * Only a global admin may touch the global admin role: grant it, or change or deactivate a global admin. A user
 * management admin manages everyone else (least privilege: it cannot make itself or others global admin).
 */
export function mayManageRole(actorRole: UserRole, targetRole: UserRole | null, newRole: UserRole | null): boolean {
  if (actorRole === UserRole.GLOBAL_ADMIN) return true;
  return targetRole !== UserRole.GLOBAL_ADMIN && newRole !== UserRole.GLOBAL_ADMIN;
}
