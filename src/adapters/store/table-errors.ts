import { isRestError } from "@azure/core-rest-pipeline";
import { AppError, describeError } from "../../app/errors.js";

/** HTTP status of a failed table call (single or batch), when there was one. */
export function tableStatus(e: unknown): number | undefined {
  return isRestError(e) ? e.statusCode : undefined;
}

/** Turns a storage failure into UPSTREAM, naming the operation but no account secrets. */
export function upstream(operation: string, e: unknown): AppError {
  const status = tableStatus(e);
  return new AppError(
    "UPSTREAM",
    `Table storage ${operation} failed${status !== undefined ? ` (HTTP ${status})` : ""}: ${describeError(e)}`,
    [],
    { cause: e },
  );
}
