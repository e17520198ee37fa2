/**
 * Import rules checked by `npm run lint` (dependency-cruiser). The layers of the server, lowest first:
 * domain/ (enums, pure predicates) → common/ (helpers with no knowledge of features) → modules/<feature> and auth/
 * → the application files at server/src/ (context, loaders, service context, schema, app, main).
 * The client is checked for cycles only: its features still import one another's components and URL helpers
 * (customers → requests, dashboard → subscriptions), so a features-boundary rule would not hold yet.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      severity: "error",
      comment: "Import cycles break the built ESM/CJS app at start-up (see the stack notes) and tangle layers.",
      from: { path: "^(server|client)/src/" },
      to: { circular: true },
    },
    {
      name: "common-and-domain-stay-low",
      severity: "error",
      comment: "domain/ and common/ know nothing of features, auth or the application wiring.",
      from: { path: "^server/src/(common|domain)/" },
      to: {
        path: [
          "^server/src/(modules|auth|cli|seed|scenarios)/",
          "^server/src/(app|main|context|service-context|loaders|data-source|entities|schema|resolvers|config)\\.ts$",
        ],
      },
    },
    {
      name: "domain-below-common",
      severity: "error",
      comment: "domain/ is the bottom layer: plain enums, constants and predicates.",
      from: { path: "^server/src/domain/" },
      to: { path: "^server/src/common/" },
    },
    {
      name: "rules-are-pure",
      severity: "error",
      comment:
        "Eligibility rules are pure functions of the facts: they import only domain/, the facts and rule types, " +
        "other rule files and calendar and instant arithmetic; no ORM entity, service or package.",
      from: { path: "^server/src/modules/eligibility/rules/" },
      to: {
        pathNot: [
          "^server/src/domain/",
          "^server/src/modules/eligibility/(facts|rule)\\.ts$",
          "^server/src/modules/eligibility/rules/",
          "^server/src/common/dates\\.ts$",
          "^server/src/common/instants\\.ts$",
        ],
      },
    },
    {
      name: "features-do-not-import-the-app",
      severity: "error",
      comment: "Modules are mounted by the application, never the other way round.",
      from: { path: "^server/src/(modules|auth|common|domain)/" },
      to: { path: "^server/src/(app|main|schema|resolvers)\\.ts$" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(dist|node_modules|graphql)/|client/src/graphql/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.base.json" },
    enhancedResolveOptions: { extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"] },
  },
};
