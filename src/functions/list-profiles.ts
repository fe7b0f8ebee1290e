import { listProfiles } from "../app/read-state.js";
import type { HttpFunctionDefinition } from "./definition.js";
import { handle, jsonResponse } from "./http/respond.js";

/** GET /api/profiles → known profiles with their desired-state version and last audit summary. */
export const listProfilesFunction: HttpFunctionDefinition = {
  kind: "http",
  name: "listProfiles",
  methods: ["GET"],
  route: "profiles",
  authLevel: "function",
  create: (rt) => handle(async () => jsonResponse(200, { profiles: await listProfiles(rt) })),
};
