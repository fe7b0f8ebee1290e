import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "../../src/functions/http/openapi-document.js";
import { httpDefinitions, perProfileDefinitions } from "../support/abuse-cases.js";

type Media = Record<string, { schema?: Record<string, unknown> }>;
type Operation = {
  responses?: Record<string, { content?: Media }>;
  requestBody?: { content?: Media };
};
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

  it("takes every request and response body from a component (each generated from a zod schema)", () => {
    const schemas = (buildOpenApiDocument() as { components: { schemas: Record<string, unknown> } })
      .components.schemas;
    const inline = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).flatMap(([method, op]) =>
        [op?.requestBody, ...Object.values(op?.responses ?? {})].flatMap((r) =>
          Object.entries(r?.content ?? {})
            .filter(([, media]) => {
              const ref = media.schema?.["$ref"];
              const name = typeof ref === "string" ? ref.replace("#/components/schemas/", "") : "";
              return Object.keys(media.schema ?? {}).length !== 1 || !(name in schemas);
            })
            .map(([type]) => `${method} ${path} ${type}`),
        ),
      ),
    );
    expect(inline).toEqual([]);
  });
});
