import { UserErrorCode, userError, type UserError } from "./user-error";
import { userMessage, type MessageParams, type UserMessageKey } from "./user-messages";
import { isIsoDate } from "./dates";
import type { Locale } from "./locale";

/**
 * Collects input problems as user errors naming their field, with messages from the catalogue
 * (common/user-messages.ts) in the request's locale; the mutation aborts when any exist.
 */
export class InputChecks {
  readonly errors: UserError[] = [];

  constructor(readonly locale: Locale) {}

  /** An INVALID_INPUT error on the field. */
  fail<K extends UserMessageKey>(field: string, key: K, ...params: MessageParams<K>): this {
    return this.failWith(UserErrorCode.INVALID_INPUT, field, key, ...params);
  }

  /** An error with another code on the field. */
  failWith<K extends UserMessageKey>(code: UserErrorCode, field: string, key: K, ...params: MessageParams<K>): this {
    this.errors.push(userError(field, code, userMessage(this.locale, key, ...params)));
    return this;
  }

  text(field: string, value: string | null | undefined, min: number, max: number): this {
    const v = value?.trim() ?? "";
    if (v.length < min || v.length > max) {
      if (min === 0) this.fail(field, "TEXT_TOO_LONG", { max });
      else this.fail(field, "TEXT_LENGTH", { min, max });
    }
    return this;
  }

  integer(field: string, value: number | null | undefined, min: number, max: number): this {
    if (value === null || value === undefined || !Number.isInteger(value) || value < min || value > max) {
      this.fail(field, "WHOLE_NUMBER_RANGE", { min, max });
    }
    return this;
  }

  country(field: string, value: string | null | undefined): this {
    if (!value || !/^[A-Z]{2}$/.test(value)) this.fail(field, "COUNTRY_CODE");
    return this;
  }

  date(field: string, value: string | null | undefined, required = true): this {
    if (value === null || value === undefined) {
      if (required) this.fail(field, "REQUIRED");
    } else if (!isIsoDate(value)) {
      this.fail(field, "DATE_FORMAT");
    }
    return this;
  }

  domain(field: string, value: string | null | undefined): this {
    const v = value?.trim().toLowerCase() ?? "";
    if (v.length > 253 || !/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(v)) {
      this.fail(field, "DOMAIN_NAME");
    }
    return this;
  }

  get ok(): boolean {
    return this.errors.length === 0;
  }
}
