import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "../../src/functions/http/openapi-document.js";
import { httpDefinitions, perProfileDefinitions } from "../support/abuse-cases.js";

type Operation = { responses?: Record<string, unknown> };
const doc = buildOpenApiDocument("http://localhost:7071/api") as unknown as {
  paths: Record<string, Record<string, Operation | undefined>>;
};

describe("the OpenAPI document covers every registered HTTP function", () => {
  it.each(httpDefinitions.flatMap((d) => d.methods.map((m) => [d.name, m, d.route] as const)))(
    "documents %s (%s /api/%s)",
    (_name, method, route) => {
      expect(doc.paths[`/${route}`]?.[method.toLowerCase()]).toBeDefined();
    },
  );

  it.each(perProfileDefinitions.flatMap((d) => d.methods.map((m) => [d.name, m, d.route] as const)))(
    "documents 400 and 404 (unwatched) for %s",
    (_name, method, route) => {
      const responses = doc.paths[`/${route}`]?.[method.toLowerCase()]?.responses ?? {};
      expect(Object.keys(responses)).toEqual(expect.arrayContaining(["400", "404"]));
    },
  );
});
