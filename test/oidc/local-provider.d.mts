export interface LocalProviderAccount {
  tid: string;
  oid: string;
  email: string;
  name?: string;
  /** Entra's directory role template ids (`wids`). */
  wids?: string[];
}
export interface LocalProvider {
  issuer: string;
  close(): Promise<void>;
}
export function startLocalProvider(options: {
  port?: number;
  clients: { clientId: string; clientSecret: string; redirectUris: string[] }[];
  accounts: Record<string, LocalProviderAccount>;
}): Promise<LocalProvider>;
export function localProviderHandler(options: {
  issuer: string;
  clients: { clientId: string; clientSecret: string; redirectUris: string[] }[];
  accounts: Record<string, LocalProviderAccount>;
  proxy?: boolean;
}): (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => void;
