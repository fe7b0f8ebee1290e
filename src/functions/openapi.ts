import type { HttpFunctionDefinition } from "./definition.js";
import { buildOpenApiDocument } from "./http/openapi-document.js";
import { handle, jsonResponse } from "./http/respond.js";

/** GET /api/openapi.json: OpenAPI 3.1 of this API, generated from the zod schemas. */
export const openApiFunction: HttpFunctionDefinition = {
  kind: "http",
  name: "openApi",
  methods: ["GET"],
  route: "openapi.json",
  authLevel: "function",
  create: () =>
    handle((request) =>
      Promise.resolve(jsonResponse(200, buildOpenApiDocument(`${new URL(request.url).origin}/api`))),
    ),
};
