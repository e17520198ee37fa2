import { Initial1795609998903 } from "./1795609998903-Initial";
import { ProviderRequest1795612221353 } from "./1795612221353-ProviderRequest";
import { IntegrityIdempotency1796187612466 } from "./1796187612466-IntegrityIdempotency";

export const migrations = [Initial1795609998903, ProviderRequest1795612221353, IntegrityIdempotency1796187612466];
