import { componentSchemas } from "./openapi-components.js";
import { problem } from "./openapi-parts.js";
import { operationPaths } from "./openapi-paths-operations.js";
import { profilePaths } from "./openapi-paths-profiles.js";

/** OpenAPI 3.1 of the HTTP API; the desired-state schema is generated from the zod schema the PUT validates with. */
export function buildOpenApiDocument(serverUrl?: string): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: {
      title: "tm-sentinel",
      version: "1.0.0",
      description: "Desired failover order and audits of Traffic Manager Priority profiles.",
      license: { name: "MIT", identifier: "MIT" },
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    security: [{ functionKey: [] }],
    paths: withWatchErrors({
      ...profilePaths(),
      ...operationPaths(),
    }),
    components: {
      securitySchemes: { functionKey: { type: "apiKey", in: "header", name: "x-functions-key" } },
      schemas: componentSchemas(),
    },
  };
}

type Operation = { responses?: Record<string, unknown> };

/**
 * Every per-profile route checks its segments (400) and the watch list (404) first
 * (watched-profile-route.ts), so every such operation documents both, also those added later.
 */
function withWatchErrors<T extends Record<string, unknown>>(paths: T): T {
  for (const [path, item] of Object.entries(paths)) {
    if (!path.startsWith("/profiles/{sub}/{rg}/{name}")) continue;
    for (const op of Object.values(item as Record<string, unknown>)) {
      if (typeof op !== "object" || op === null || Array.isArray(op)) continue;
      const operation = op as Operation;
      if (!operation.responses) continue;
      const notFound = operation.responses["404"] as { description?: string } | undefined;
      operation.responses = {
        "400": problem("A route segment is invalid; errors[].path names it (route.subscriptionId, …)."),
        ...operation.responses,
        "404": problem(
          `The profile is not watched (TM_WATCH, TM_WATCH_TAG)${notFound?.description ? `, or: ${notFound.description}` : "."}`,
        ),
      };
    }
  }
  return paths;
}
