import { UserErrorCode, userError, type UserError } from "./user-error";
import { isIsoDate } from "../modules/eligibility/dates";

/** Collects input problems as user errors naming their field; the mutation aborts when any exist. */
export class InputChecks {
  readonly errors: UserError[] = [];

  fail(field: string, message: string, code: UserErrorCode = UserErrorCode.INVALID_INPUT): this {
    this.errors.push(userError(field, code, message));
    return this;
  }

  text(field: string, value: string | null | undefined, min: number, max: number): this {
    const v = value?.trim() ?? "";
    if (v.length < min || v.length > max) this.fail(field, `must be ${min}–${max} characters`);
    return this;
  }

  integer(field: string, value: number | null | undefined, min: number, max: number): this {
    if (value === null || value === undefined || !Number.isInteger(value) || value < min || value > max) {
      this.fail(field, `must be a whole number from ${min} to ${max}`);
    }
    return this;
  }

  country(field: string, value: string | null | undefined): this {
    if (!value || !/^[A-Z]{2}$/.test(value)) this.fail(field, "must be an ISO 3166-1 alpha-2 code such as US");
    return this;
  }

  date(field: string, value: string | null | undefined, required = true): this {
    if (value === null || value === undefined) {
      if (required) this.fail(field, "is required");
    } else if (!isIsoDate(value)) {
      this.fail(field, "must be a date YYYY-MM-DD");
    }
    return this;
  }

  domain(field: string, value: string | null | undefined): this {
    const v = value?.trim().toLowerCase() ?? "";
    if (v.length > 253 || !/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(v)) {
      this.fail(field, "must be a domain name such as contoso.onmicrosoft.com");
    }
    return this;
  }

  get ok(): boolean {
    return this.errors.length === 0;
  }
}
