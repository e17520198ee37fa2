import { Initial1795609998903 } from "./1795609998903-Initial";

export const migrations = [Initial1795609998903];
