import { Initial1795609999885 } from "./1795609999885-Initial";
import { ProviderRequest1795612226997 } from "./1795612226997-ProviderRequest";
import { AuditEvent1796187810413 } from "./1796187810413-AuditEvent";

export const migrations = [Initial1795609999885, ProviderRequest1795612226997, AuditEvent1796187810413];
