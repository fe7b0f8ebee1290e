import type { HttpFunctionDefinition } from "./definition.js";

/**
 * Liveness for platform probes. Anonymous on purpose, so it says nothing but "ok": no version,
 * no settings, no storage or ARM checks that would let a caller probe our dependencies.
 */
export const healthFunction: HttpFunctionDefinition = {
  kind: "http",
  name: "health",
  methods: ["GET"],
  route: "health",
  authLevel: "anonymous",
  create: () => () =>
    Promise.resolve({
      status: 200,
      jsonBody: { status: "ok" },
      headers: { "cache-control": "no-store" },
    }),
};
