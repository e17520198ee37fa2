import { randomUUID } from "node:crypto";
import pLimit from "p-limit";
import { PARTNER_CENTER_RESOURCE, type PcCollection, type TokenResponse } from "./resources";

// A Partner Center REST client: Entra ID tokens (app-only by client credentials, app + user by refresh token,
// https://learn.microsoft.com/partner-center/developer/partner-center-authentication), cached until shortly before
// they expire; MS-RequestId and MS-CorrelationId on every call (https://learn.microsoft.com/partner-center/developer/headers);
// 429 answered by waiting Retry-After, 5xx and timeouts retried with capped exponential backoff and jitter
// (https://learn.microsoft.com/partner-center/developer/api-throttling-guidance); at most `concurrency` calls at once.

export interface PartnerCenterSettings {
  apiUrl: string;
  /** Token endpoint; `<tenant>` is replaced by the tenant id. */
  tokenUrl: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** App + user refresh token (secure application model); without one, only app-only calls work. */
  refreshToken: string | null;
}

export interface ClientOptions {
  concurrency?: number;
  /** Attempts per call, the first included. */
  maxAttempts?: number;
  /** Backoff base and cap, in ms. */
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** Longest Retry-After honoured, in ms (a longer one is capped). */
  maxRetryAfterMs?: number;
  timeoutMs?: number;
  /** Renew a token this long before it expires, in ms. */
  tokenSkewMs?: number;
  /** One correlation id for the whole run (a sync); a new one otherwise. */
  correlationId?: string;
  /** Where retries are reported (never secrets). */
  log?: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface ClientStats {
  calls: number;
  retries: number;
  throttled: number;
  tokenRequests: number;
}

export class PartnerCenterError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly path: string,
    readonly code: number | null,
    /** Partner Center's own `description` of the error (error-codes page), or the start of the body. */
    readonly description: string = "",
  ) {
    super(message);
  }
}

type Auth = "app" | "user";

/** A write: its body, and the MS-RequestId that makes it idempotent (kept across this call's retries). */
export interface WriteOptions {
  auth?: Auth;
  requestId: string;
}

interface CallSpec {
  method: "GET" | "POST" | "PATCH";
  auth: Auth;
  headers: Record<string, string>;
  body?: unknown;
  /** Fixed for writes: a retry after a timeout sends the same MS-RequestId (headers page); null: new per attempt. */
  requestId: string | null;
}

interface CachedToken {
  accessToken: string;
  expiresAt: number;
}

const sleepReal = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class PartnerCenterClient {
  readonly stats: ClientStats = { calls: 0, retries: 0, throttled: 0, tokenRequests: 0 };
  readonly correlationId: string;
  private readonly limit: ReturnType<typeof pLimit>;
  private readonly tokens = new Map<Auth, Promise<CachedToken>>();
  private refreshToken: string | null;
  private readonly opts: Required<Omit<ClientOptions, "correlationId" | "log">> & {
    log: (line: string) => void;
  };

  constructor(
    private readonly settings: PartnerCenterSettings,
    options: ClientOptions = {},
  ) {
    this.correlationId = options.correlationId ?? randomUUID();
    this.refreshToken = settings.refreshToken;
    this.opts = {
      concurrency: options.concurrency ?? 4,
      maxAttempts: options.maxAttempts ?? 8,
      backoffBaseMs: options.backoffBaseMs ?? 500,
      backoffCapMs: options.backoffCapMs ?? 30_000,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 120_000,
      timeoutMs: options.timeoutMs ?? 60_000,
      tokenSkewMs: options.tokenSkewMs ?? 5 * 60_000,
      sleep: options.sleep ?? sleepReal,
      random: options.random ?? Math.random,
      log: options.log ?? (() => {}),
    };
    this.limit = pLimit(this.opts.concurrency);
  }

  /** The partner tenant the client signs in to (its calls act as that partner). */
  get tenantId(): string {
    return this.settings.tenantId;
  }

  /** Whether app + user calls are possible (a refresh token is configured). */
  get hasUserCredentials(): boolean {
    return this.refreshToken !== null;
  }

  /** GET a resource (path from /v1 on, or a `links.next` uri), with extra headers (MS-ContinuationToken). */
  get<T>(path: string, opts: { auth?: Auth; headers?: Record<string, string> } = {}): Promise<T> {
    return this.limit(() =>
      this.withRetries<T>(path, {
        method: "GET",
        auth: opts.auth ?? "app",
        headers: opts.headers ?? {},
        requestId: null,
      }),
    );
  }

  /**
   * POST or PATCH a resource with a JSON body. Partner Center documents MS-RequestId as the idempotency key of a
   * call: every attempt of this call (after a timeout, a lost answer, a 429 or a 5xx) sends the caller's value, so
   * Partner Center answers a replay with the first answer instead of acting twice
   * (https://learn.microsoft.com/partner-center/developer/headers).
   */
  send<T>(method: "POST" | "PATCH", path: string, body: unknown, opts: WriteOptions): Promise<T> {
    return this.limit(() =>
      this.withRetries<T>(path, { method, auth: opts.auth ?? "app", headers: {}, body, requestId: opts.requestId }),
    );
  }

  /** Every item of a collection, following `links.next` and its headers (MS-ContinuationToken). */
  async getAll<T>(path: string, opts: { auth?: Auth } = {}): Promise<T[]> {
    const items: T[] = [];
    let page = await this.get<PcCollection<T>>(path, opts);
    items.push(...page.items);
    for (let next = page.links?.next; next; next = page.links?.next) {
      const headers = Object.fromEntries(next.headers.map((h) => [h.key, h.value]));
      page = await this.get<PcCollection<T>>(next.uri, { ...opts, headers });
      items.push(...page.items);
    }
    return items;
  }

  private afterRetryAfter(ms: number): number {
    return Math.round(ms + this.opts.random() * (ms / 4));
  }

  private backoff(attempt: number): number {
    const ceiling = Math.min(this.opts.backoffCapMs, this.opts.backoffBaseMs * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + this.opts.random() * (ceiling / 2));
  }

  private async withRetries<T>(path: string, spec: CallSpec): Promise<T> {
    const { auth, headers, method } = spec;
    const url = new URL(
      path.startsWith("/v1") ? path : `/v1${path.startsWith("/") ? "" : "/"}${path}`,
      this.settings.apiUrl,
    );
    for (let attempt = 1; ; attempt++) {
      const token = await this.token(auth);
      this.stats.calls += 1;
      let res: Response;
      try {
        res = await fetch(url, {
          method,
          headers: {
            ...headers,
            accept: "application/json",
            ...(spec.body === undefined ? {} : { "content-type": "application/json" }),
            authorization: `Bearer ${token.accessToken}`,
            "MS-RequestId": spec.requestId ?? randomUUID(),
            "MS-CorrelationId": this.correlationId,
          },
          ...(spec.body === undefined ? {} : { body: JSON.stringify(spec.body) }),
          signal: AbortSignal.timeout(this.opts.timeoutMs),
        });
      } catch (err) {
        if (attempt >= this.opts.maxAttempts) throw err;
        const wait = this.backoff(attempt);
        this.stats.retries += 1;
        this.opts.log(
          `retry ${url.pathname}: ${err instanceof Error ? err.name : "network error"}, waiting ${wait} ms`,
        );
        await this.opts.sleep(wait);
        continue;
      }
      if (res.ok) {
        const text = await res.text();
        return (text ? JSON.parse(text) : null) as T;
      }
      const body = await res.text();
      if (res.status === 401 && attempt < this.opts.maxAttempts) {
        // The token was refused (revoked or expired early): drop it and ask for a new one.
        this.tokens.delete(auth);
        this.stats.retries += 1;
        continue;
      }
      if ((res.status === 429 || res.status >= 500) && attempt < this.opts.maxAttempts) {
        let wait = this.backoff(attempt);
        if (res.status === 429) {
          this.stats.throttled += 1;
          const retryAfter = parseRetryAfter(res.headers.get("retry-after"));
          // At least Retry-After, plus up to a quarter more: calls throttled together must not come back together.
          if (retryAfter !== null) wait = this.afterRetryAfter(Math.min(retryAfter, this.opts.maxRetryAfterMs));
        }
        this.stats.retries += 1;
        this.opts.log(`retry ${url.pathname}: HTTP ${res.status}, waiting ${wait} ms`);
        await this.opts.sleep(wait);
        continue;
      }
      let code: number | null = null;
      let description = body.slice(0, 300);
      try {
        const parsed = JSON.parse(body) as { code?: unknown; description?: unknown };
        // The error-codes page types `code` as a string; its examples send numbers.
        if (typeof parsed.code === "number") code = parsed.code;
        else if (typeof parsed.code === "string" && /^\d+$/.test(parsed.code)) code = Number(parsed.code);
        if (typeof parsed.description === "string") description = parsed.description;
      } catch {
        // not a Partner Center error body
      }
      throw new PartnerCenterError(
        `Partner Center ${method} ${url.pathname} answered HTTP ${res.status}${description ? `: ${description}` : ""}`,
        res.status,
        url.pathname,
        code,
        description,
      );
    }
  }

  private token(auth: Auth): Promise<CachedToken> {
    const cached = this.tokens.get(auth);
    if (cached) {
      return cached.then((t) => {
        if (t.expiresAt - this.opts.tokenSkewMs > Date.now()) return t;
        this.tokens.delete(auth);
        return this.token(auth);
      });
    }
    const pending = this.requestToken(auth);
    this.tokens.set(auth, pending);
    pending.catch(() => this.tokens.delete(auth));
    return pending;
  }

  private async requestToken(auth: Auth): Promise<CachedToken> {
    const { tenantId, clientId, clientSecret } = this.settings;
    const form = new URLSearchParams({
      resource: PARTNER_CENTER_RESOURCE,
      client_id: clientId,
      client_secret: clientSecret,
    });
    if (auth === "user") {
      if (this.refreshToken === null) throw new Error("PARTNER_CENTER_REFRESH_TOKEN is needed for app + user calls");
      form.set("grant_type", "refresh_token");
      form.set("refresh_token", this.refreshToken);
    } else {
      form.set("grant_type", "client_credentials");
    }
    const url = this.settings.tokenUrl.replace("<tenant>", encodeURIComponent(tenantId));
    for (let attempt = 1; ; attempt++) {
      this.stats.tokenRequests += 1;
      let res: Response;
      try {
        res = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
          body: form.toString(),
          signal: AbortSignal.timeout(this.opts.timeoutMs),
        });
      } catch (err) {
        if (attempt >= this.opts.maxAttempts) throw err;
        await this.opts.sleep(this.backoff(attempt));
        continue;
      }
      if ((res.status === 429 || res.status >= 500) && attempt < this.opts.maxAttempts) {
        await this.opts.sleep(parseRetryAfter(res.headers.get("retry-after")) ?? this.backoff(attempt));
        continue;
      }
      if (!res.ok) {
        // The answer names the error (invalid_client, invalid_grant …); the form holding the secrets is never echoed.
        let error = `HTTP ${res.status}`;
        try {
          const parsed = (await res.json()) as { error?: unknown };
          if (typeof parsed.error === "string") error = `${parsed.error} (HTTP ${res.status})`;
        } catch {
          // keep the status
        }
        throw new Error(
          `token request for tenant ${tenantId} (${auth === "user" ? "app + user" : "app-only"}) failed: ${error}`,
        );
      }
      const body = (await res.json()) as TokenResponse;
      // Entra ID rotates refresh tokens: keep the newest for the next renewal.
      if (auth === "user" && body.refresh_token) this.refreshToken = body.refresh_token;
      const expiresIn = Number(body.expires_in);
      return {
        accessToken: body.access_token,
        expiresAt: Date.now() + (Number.isFinite(expiresIn) ? expiresIn : 3600) * 1000,
      };
    }
  }
}

/** Retry-After in ms: delta-seconds (decimals allowed) or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null): number | null {
  if (value === null || value.trim() === "") return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}
