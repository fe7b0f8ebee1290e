import type { Runtime } from "../../src/composition-root.js";
import type { HttpFunctionDefinition } from "../../src/functions/definition.js";
import { invoke, type RequestOptions } from "./builders/http-runtime.js";
import { expectDocumentedResponse } from "./openapi-validator.js";

/**
 * `invoke`, and the response must be one the OpenAPI document promises for the definition's
 * route and method (status listed, content type listed, body valid against its schema).
 */
export async function invokeDocumented(
  def: HttpFunctionDefinition,
  rt: Runtime,
  path: string,
  options: RequestOptions = {},
): ReturnType<typeof invoke> {
  const res = await invoke(def, rt, path, options);
  expectDocumentedResponse(def.route, options.method ?? def.methods[0] ?? "GET", res);
  return res;
}
