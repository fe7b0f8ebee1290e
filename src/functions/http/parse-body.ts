import type { z } from "zod";
import { AppError, type FieldError } from "../../app/errors.js";
import { formatJsonPath } from "../../core/json-path.js";

/**
 * A request body through the zod schema the OpenAPI document is generated from, so what the
 * document promises is what the handler accepts. Every issue at once, each with its JSON path;
 * an unknown key is named on its own path.
 * @throws AppError VALIDATION (`The ${what} has N problem(s).`) when the body does not match.
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const errors: FieldError[] = parsed.error.issues.flatMap((i) =>
    i.code === "unrecognized_keys"
      ? i.keys.map((k) => ({ path: formatJsonPath([...i.path, k]), message: "is not a known field" }))
      : [{ path: formatJsonPath(i.path), message: i.message }],
  );
  throw new AppError("VALIDATION", `The ${what} has ${String(errors.length)} problem(s).`, errors);
}
