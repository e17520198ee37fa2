import { Initial1795609998903 } from "./1795609998903-Initial";
import { ProviderRequest1795612221353 } from "./1795612221353-ProviderRequest";
import { AuditEvent1796187786714 } from "./1796187786714-AuditEvent";

export const migrations = [Initial1795609998903, ProviderRequest1795612221353, AuditEvent1796187786714];
