import { z } from "zod";
import type { DesiredState } from "./desired-state.js";
import { formatJsonPath } from "./json-path.js";

// Re-exported: callers that validate documents format paths the same way.
export { formatJsonPath } from "./json-path.js";
import { maintenanceEndpointIssues, maintenanceSchema } from "./silences/maintenance-schema.js";

/**
 * The desired-state document with Traffic Manager's own limits (Azure documents them per monitor setting).
 * Objects are strict: an unknown key is an error (a typo must not silently mean "not checked").
 * The cross-field rules are plain functions that validateDesiredState runs on the raw input, so a
 * caller sees every issue at once: zod skips every refinement above an oversized array (its size
 * cap aborts the parse), so they cannot live in the schema. Validate through validateDesiredState;
 * the schema alone is the shape (and the OpenAPI document's JSON Schema).
 */

const statusCodeRange = z.strictObject({
  min: z.int().min(100).max(599),
  max: z.int().min(100).max(599),
});

const customHeader = z.strictObject({
  name: z.string().min(1).max(256),
  value: z.string().max(1024),
});

const hostName = z
  .string()
  .max(253)
  .regex(
    /^(?=.{1,253}$)(?!-)[A-Za-z0-9-]{1,63}(?<!-)(\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))+$/,
    "must be a DNS host name such as www.contoso.com",
  );

type RuleIssue = { path: (string | number)[]; message: string };

/** Cross-field monitor rules, on the raw input so they run whatever else is wrong. */
function monitorRuleIssues(m: unknown): RuleIssue[] {
  if (typeof m !== "object" || m === null || Array.isArray(m)) return [];
  const raw = m as Record<string, unknown>;
  const issues: RuleIssue[] = [];
  if (raw["protocol"] === "TCP" && raw["path"] !== undefined) {
    issues.push({ path: ["path"], message: "must be absent when protocol is TCP" });
  }
  if (raw["protocol"] === "TCP" && raw["expectedStatusCodeRanges"] !== undefined) {
    issues.push({
      path: ["expectedStatusCodeRanges"],
      message: "apply to HTTP and HTTPS only; remove them when protocol is TCP",
    });
  }
  const timeout = raw["timeoutInSeconds"];
  if (raw["intervalInSeconds"] === 10 && typeof timeout === "number" && timeout > 9) {
    issues.push({ path: ["timeoutInSeconds"], message: "must be 5–9 when intervalInSeconds is 10" });
  }
  const ranges = raw["expectedStatusCodeRanges"];
  if (Array.isArray(ranges)) {
    ranges.forEach((r: unknown, i) => {
      const { min, max } = (typeof r === "object" && r !== null ? r : {}) as Record<string, unknown>;
      if (typeof min === "number" && typeof max === "number" && min > max) {
        issues.push({ path: ["expectedStatusCodeRanges", i, "min"], message: "must not exceed max" });
      }
    });
  }
  const headers = raw["customHeaders"];
  if (Array.isArray(headers)) {
    headers.forEach((h: unknown, i) => {
      const { name, value } = (typeof h === "object" && h !== null ? h : {}) as Record<string, unknown>;
      if (
        typeof name === "string" &&
        name.toLowerCase() === "host" &&
        typeof value === "string" &&
        value.includes("*")
      ) {
        issues.push({ path: ["customHeaders", i, "value"], message: "a Host header cannot contain *" });
      }
    });
  }
  return issues;
}

/** Endpoint names must be unique, case-insensitively (ARM names are). */
function duplicateNameIssues(list: unknown): RuleIssue[] {
  if (!Array.isArray(list)) return [];
  const issues: RuleIssue[] = [];
  const seen = new Map<string, number>();
  list.forEach((e: unknown, i) => {
    const name = typeof e === "object" && e !== null ? (e as Record<string, unknown>)["name"] : undefined;
    if (typeof name !== "string") return;
    const first = seen.get(name.toLowerCase());
    if (first === undefined) seen.set(name.toLowerCase(), i);
    else
      issues.push({
        path: [i, "name"],
        message: `duplicates endpoints[${first}].name (names are case-insensitive)`,
      });
  });
  return issues;
}

export const desiredMonitorSchema = z.strictObject({
  protocol: z.enum(["HTTP", "HTTPS", "TCP"]).exactOptional(),
  port: z.int().min(1).max(65535).exactOptional(),
  path: z.string().max(1000).startsWith("/", "must start with /").exactOptional(),
  intervalInSeconds: z.literal([10, 30], { error: "must be 10 or 30" }).exactOptional(),
  timeoutInSeconds: z.int().min(5).max(10).exactOptional(),
  toleratedNumberOfFailures: z.int().min(0).max(9).exactOptional(),
  expectedStatusCodeRanges: z.array(statusCodeRange).max(8).exactOptional(),
  customHeaders: z.array(customHeader).max(8).exactOptional(),
});

export const desiredEndpointSchema = z.strictObject({
  name: z.string().min(1).max(260),
  enabled: z.boolean(),
});

export const desiredStateSchema = z.strictObject({
  routingMethod: z.literal("Priority", "must be Priority (tm-sentinel audits failover profiles)"),
  endpoints: z
    .array(desiredEndpointSchema)
    .min(1, "must list at least one endpoint")
    .max(200, "Traffic Manager allows at most 200 endpoints"),
  monitor: desiredMonitorSchema.exactOptional(),
  ttl: z.int().min(0).max(2147483647).exactOptional(),
  vanityDomains: z.array(hostName).max(100).exactOptional(),
  maxFailoverSeconds: z.int().min(1).max(86_400).exactOptional(),
  drill: z
    .strictObject({
      schedule: z
        .string()
        .regex(/^\s*\S+(\s+\S+){5}\s*$/, "must be an NCRONTAB expression with six fields (seconds first)"),
    })
    .exactOptional(),
  reconcile: z.enum(["off", "plan", "apply"], { error: "must be off, plan or apply" }).exactOptional(),
  maintenance: maintenanceSchema.exactOptional(),
});

export type DesiredStateInput = z.infer<typeof desiredStateSchema>;

// Compile-time proof that whatever the schema accepts is a DesiredState.
const _assignable: (v: DesiredStateInput) => DesiredState = (v) => v;
void _assignable;

export interface DesiredStateIssue {
  /** JSON path such as `$.endpoints[1].name`. */
  path: string;
  message: string;
}

export type DesiredStateValidation =
  { ok: true; value: DesiredState } | { ok: false; issues: DesiredStateIssue[] };

/** The cross-field rules on the raw input (see the note at the top). */
function ruleIssues(input: unknown): RuleIssue[] {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return [];
  const raw = input as Record<string, unknown>;
  return [
    ...duplicateNameIssues(raw["endpoints"]).map((i) => ({ ...i, path: ["endpoints", ...i.path] })),
    ...monitorRuleIssues(raw["monitor"]).map((i) => ({ ...i, path: ["monitor", ...i.path] })),
    ...maintenanceEndpointIssues(raw),
  ];
}

/** Validates any input against the desired-state schema; reports every issue; never throws. */
export function validateDesiredState(input: unknown): DesiredStateValidation {
  try {
    const parsed = desiredStateSchema.safeParse(input);
    const rules = ruleIssues(input).map((r) => ({ path: formatJsonPath(r.path), message: r.message }));
    if (parsed.success && rules.length === 0) return { ok: true, value: parsed.data };
    const issues: DesiredStateIssue[] = [];
    for (const issue of parsed.error?.issues ?? []) {
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys)
          issues.push({ path: formatJsonPath([...issue.path, key]), message: "is not a known field" });
      } else {
        issues.push({ path: formatJsonPath(issue.path), message: issue.message });
      }
    }
    return { ok: false, issues: [...issues, ...rules] };
  } catch (e: unknown) {
    // Exotic inputs (throwing getters, cyclic proxies) must not crash a request handler.
    return {
      ok: false,
      issues: [
        { path: "$", message: `could not be validated: ${e instanceof Error ? e.message : "unknown error"}` },
      ],
    };
  }
}
