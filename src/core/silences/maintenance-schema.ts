import { z } from "zod";
import { FINDING_CODES, type FindingCode } from "../finding.js";
import { parseNcrontab } from "./ncrontab.js";

/** At most this many windows per profile. */
export const MAX_MAINTENANCE_WINDOWS = 10;

const code = z.string().refine((c): c is FindingCode => (FINDING_CODES as readonly string[]).includes(c), {
  message: "is not a finding code (see docs/silences.md)",
});

const schedule = z
  .string()
  .max(200)
  .superRefine((text, ctx) => {
    const parsed = parseNcrontab(text);
    if (!parsed.ok)
      ctx.addIssue({ code: "custom", message: `must be an NCRONTAB schedule (UTC): ${parsed.message}` });
  });

/** One entry of the desired state's `maintenance` array. */
export const maintenanceWindowSchema = z.strictObject({
  schedule,
  durationMinutes: z.int().min(1).max(1440),
  endpoints: z.array(z.string().min(1).max(260)).min(1).max(200).exactOptional(),
  codes: z.array(code).min(1).max(50).exactOptional(),
  comment: z.string().trim().min(1, "must say why (it is required)").max(1000),
});

export const maintenanceSchema = z
  .array(maintenanceWindowSchema)
  .max(MAX_MAINTENANCE_WINDOWS, `at most ${String(MAX_MAINTENANCE_WINDOWS)} maintenance windows`);

/** Cross-field rule: a window's endpoints must be endpoints of the document (names are case-insensitive). */
export function maintenanceEndpointIssues(
  raw: Record<string, unknown>,
): { path: (string | number)[]; message: string }[] {
  const windows = raw["maintenance"];
  const endpoints = raw["endpoints"];
  if (!Array.isArray(windows) || !Array.isArray(endpoints)) return [];
  const names = new Set(
    endpoints.flatMap((e: unknown) => {
      const name = typeof e === "object" && e !== null ? (e as Record<string, unknown>)["name"] : undefined;
      return typeof name === "string" ? [name.toLowerCase()] : [];
    }),
  );
  const issues: { path: (string | number)[]; message: string }[] = [];
  windows.forEach((w: unknown, i) => {
    const list =
      typeof w === "object" && w !== null ? (w as Record<string, unknown>)["endpoints"] : undefined;
    if (!Array.isArray(list)) return;
    list.forEach((name: unknown, j) => {
      if (typeof name === "string" && !names.has(name.toLowerCase()))
        issues.push({ path: ["maintenance", i, "endpoints", j], message: `${name} is not in endpoints` });
    });
  });
  return issues;
}
