import { createServer } from "node:net";

// Just enough of a browser for the OpenID Connect tests: cookies by host, redirects followed by hand.

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** Cookies by host (paths ignored: each test signs in with a fresh jar). */
export class Jar {
  private readonly cookies = new Map<string, Map<string, string>>();
  store(url: string, res: Response): void {
    const host = new URL(url).host;
    const jar = this.cookies.get(host) ?? new Map<string, string>();
    for (const line of res.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === "" || /max-age=0/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    this.cookies.set(host, jar);
  }
  header(url: string): string {
    return [...(this.cookies.get(new URL(url).host) ?? new Map<string, string>())]
      .map(([k, v]) => `${k}=${v}`)
      .join("; ");
  }
  get(url: string, name: string): string | undefined {
    return this.cookies.get(new URL(url).host)?.get(name);
  }
  delete(url: string, name: string): void {
    this.cookies.get(new URL(url).host)?.delete(name);
  }
}

export async function go(jar: Jar, url: string, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(url, {
    ...init,
    redirect: "manual",
    headers: { ...(init.headers as Record<string, string>), cookie: jar.header(url) },
  });
  jar.store(url, res);
  return res;
}

export const location = (res: Response, base: string): string => new URL(res.headers.get("location") ?? "", base).href;

/**
 * From a sign-in's start (a 303 to the provider) through the provider's login form (as `login`, any password) and
 * consent form, to the provider's redirect back to `callbackPrefix`, returned unvisited.
 */
export async function throughProvider(jar: Jar, start: Response, base: string, login: string, callbackPrefix: string) {
  if (start.status !== 303) throw new Error(`sign-in start answered ${start.status}`);
  let url = location(start, base);
  for (let hops = 0; hops < 12; hops++) {
    if (url.startsWith(callbackPrefix)) return url;
    const page = await go(jar, url);
    if (page.status === 303 || page.status === 302) {
      url = location(page, url);
      continue;
    }
    const html = await page.text();
    if (page.status !== 200) throw new Error(`provider answered ${page.status}: ${html.slice(0, 300)}`);
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    const body =
      prompt === "login"
        ? new URLSearchParams({ prompt, login, password: "any" })
        : new URLSearchParams({ prompt: "consent" });
    const submitted = await go(jar, url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: body.toString(),
    });
    if (submitted.status !== 302 && submitted.status !== 303) throw new Error(`form answered ${submitted.status}`);
    url = location(submitted, url);
  }
  throw new Error("the provider never redirected back");
}
