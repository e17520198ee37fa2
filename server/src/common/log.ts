import { pino, type Logger } from "pino";

/**
 * The server's structured log: one JSON object per line on stdout (pino), for a log shipper to collect.
 * LOG_LEVEL sets the level (`info` by default, `silent` to turn it off). Credentials never reach it: request
 * variables and headers are not logged, and the paths below are redacted wherever they appear.
 */
export const logger: Logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: "channelgate" },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: {
    paths: ["authorization", "*.authorization", "token", "*.token", "password", "*.password", "secret", "*.secret"],
    censor: "[redacted]",
  },
});
