import type { StatusCodeRange } from "./profile.js";

/** Traffic Manager's rule: 200, or any code inside the expected ranges when some are given. */
export function isExpectedStatus(status: number, ranges: readonly StatusCodeRange[]): boolean {
  if (ranges.length === 0) return status === 200;
  return ranges.some((r) => status >= r.min && status <= r.max);
}

/** Human form of the expected codes, for findings: "200" or "200-299, 401". */
export function describeExpectedStatus(ranges: readonly StatusCodeRange[]): string {
  if (ranges.length === 0) return "200";
  return ranges.map((r) => (r.min === r.max ? String(r.min) : `${r.min}-${r.max}`)).join(", ");
}
