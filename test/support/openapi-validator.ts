import { Ajv2020 } from "ajv/dist/2020.js";
import type { ValidateFunction } from "ajv";
import { expect } from "vitest";
import { buildOpenApiDocument } from "../../src/functions/http/openapi-document.js";

type MediaTypes = Record<string, { schema?: Record<string, unknown> }>;
type Operation = { responses?: Record<string, { content?: MediaTypes }> };
const doc = buildOpenApiDocument("http://localhost:7071/api") as unknown as {
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, unknown>;
};

// Formats are documentation here (date-time etc.); strict off because the wrapped schema carries
// `components` next to the response schema so that `#/components/schemas/…` refs resolve.
const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
const compiled = new WeakMap<object, ValidateFunction>();

/**
 * The response a handler gave is one the OpenAPI document promises for that route and method:
 * its status is listed, its content type is one listed for that status, and its body validates
 * against the schema listed for that content type.
 */
export function expectDocumentedResponse(
  route: string,
  method: string,
  res: { status?: number; body?: unknown; header: (name: string) => string | undefined },
): void {
  const operation = doc.paths[`/${route}`]?.[method.toLowerCase()];
  const where = `${method} /${route} → ${res.status}`;
  const response = operation?.responses?.[String(res.status ?? 200)];
  expect(response, `${where} is not documented`).toBeDefined();
  const contentType = res.header("content-type")?.split(";")[0]?.trim();
  if (contentType === undefined || res.body === undefined) {
    expect(response?.content, `${where} has no body but documents one`).toBeUndefined();
    return;
  }
  const media = response?.content?.[contentType];
  expect(media, `${where}: content type ${contentType} is not documented`).toBeDefined();
  if (!media?.schema || !contentType.endsWith("json")) return;
  const body: unknown = JSON.parse(typeof res.body === "string" ? res.body : "null");
  const validate = validatorFor(media.schema);
  expect(validate(body) ? [] : validate.errors, `${where}: body does not match the schema`).toEqual([]);
}

const problemRef = { $ref: "#/components/schemas/Problem" };

/**
 * For answers no documented operation gives (the host's 405 for a method a route does not take,
 * 404 for a path no route matches, 400 for bytes that are not HTTP): problem+json whose body
 * validates against the document's Problem.
 */
export function expectProblemAnswer(where: string, contentType: string | undefined, body: unknown): void {
  expect(contentType?.split(";")[0]?.trim(), `${where}: content type`).toBe("application/problem+json");
  const validate = validatorFor(problemRef);
  expect(validate(body) ? [] : validate.errors, `${where}: body is not a Problem`).toEqual([]);
}

function validatorFor(schema: Record<string, unknown>): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile({ ...schema, components: doc.components });
    compiled.set(schema, validate);
  }
  return validate;
}
