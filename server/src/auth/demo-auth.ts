import express, { type Express } from "express";
import type { DataSource } from "typeorm";
import type { AppConfig } from "../config";
import { User } from "../modules/user/user.entity";
import { signToken } from "./token";
import { startSession } from "../http/session";

/**
 * Demo sign-in for the embedded database: lists seeded users and issues a token for one.
 * Mounted only when config.demoLogin is on (default with SQLite, off in production).
 */
export function mountDemoAuth(app: Express, ds: DataSource, config: AppConfig): void {
  app.get("/auth/demo-users", async (_req, res) => {
    const users = await ds
      .getRepository(User)
      .createQueryBuilder("u")
      .innerJoinAndSelect("u.partner", "p")
      .orderBy("p.name")
      .addOrderBy("u.email")
      .limit(500)
      .getMany();
    res.json({
      users: users.map((u) => ({
        email: u.email,
        displayName: u.displayName,
        role: u.role,
        partner: {
          name: u.partner?.name,
          partnerId: u.partner?.partnerId,
          types: u.partner?.types,
          country: u.partner?.country,
        },
      })),
    });
  });
  app.post("/auth/demo-login", express.json({ limit: "10kb" }), async (req, res) => {
    const email: unknown = req.body?.email;
    if (typeof email !== "string" || email.length > 254) {
      res.status(400).json({ error: "email: a string is required" });
      return;
    }
    const user = await ds.getRepository(User).findOneBy({ email: email.toLowerCase() });
    if (!user) {
      res.status(404).json({ error: "email: no such user" });
      return;
    }
    // The browser gets a session cookie (the SPA keeps no token); `token` stays for scripts and tests.
    const { csrfToken } = await startSession(ds, config, res, user, "DEMO");
    res.json({ token: await signToken(config.authSecret, user.email), csrfToken });
  });
}
