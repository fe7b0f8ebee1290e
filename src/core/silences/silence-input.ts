import { z } from "zod";
import { formatJsonPath, type DesiredStateIssue } from "../desired-schema.js";
import { FINDING_CODES, type FindingCode } from "../finding.js";
import { MAX_SILENCE_MS } from "./silence.js";

const codeSchema = z
  .string()
  .refine((c): c is FindingCode => (FINDING_CODES as readonly string[]).includes(c), {
    message: "is not a finding code (see docs/silences.md)",
  });

const isoTime = z.iso.datetime({
  offset: true,
  error: "must be an ISO 8601 time such as 2026-01-31T18:00:00Z",
});

export const silenceMatchersSchema = z.strictObject({
  profile: z
    .string()
    .trim()
    .min(1, "must name a watched profile key {subscriptionId}/{resourceGroup}/{profileName} or *")
    .max(1024),
  endpoint: z.string().trim().min(1, "must not be empty").max(260).exactOptional(),
  codes: z.array(codeSchema).min(1, "must list at least one code, or be left out").max(50).exactOptional(),
});

/** The body of `POST /api/silences` (and what `silence add` builds). `id` present: change that silence. */
export const silenceInputSchema = z.strictObject({
  id: z.string().trim().min(1).max(128).exactOptional(),
  matchers: silenceMatchersSchema,
  startsAt: isoTime.exactOptional(),
  endsAt: isoTime,
  comment: z.string().trim().min(1, "must say why (it is required)").max(1000),
});

export interface SilenceInput {
  id?: string;
  matchers: { profile: string; endpoint?: string; codes?: FindingCode[] };
  startsAt?: string;
  endsAt: string;
  comment: string;
}

export type SilenceInputValidation =
  { ok: true; value: SilenceInput & { startsAt: string } } | { ok: false; issues: DesiredStateIssue[] };

/**
 * Shape first, then the time rules against `now`: endsAt after now and after startsAt, at most 30
 * days after startsAt. Every issue at once, each with its JSON path. Times come back normalised
 * (`toISOString`), startsAt defaulting to now; the profile key lower case. Never throws.
 */
export function validateSilenceInput(input: unknown, now: Date): SilenceInputValidation {
  const parsed = silenceInputSchema.safeParse(input);
  if (!parsed.success) {
    const issues: DesiredStateIssue[] = [];
    for (const issue of parsed.error.issues) {
      if (issue.code === "unrecognized_keys")
        for (const key of issue.keys)
          issues.push({ path: formatJsonPath([...issue.path, key]), message: "is not a known field" });
      else issues.push({ path: formatJsonPath(issue.path), message: issue.message });
    }
    return { ok: false, issues };
  }
  const v = parsed.data;
  const starts = v.startsAt === undefined ? now.getTime() : Date.parse(v.startsAt);
  const ends = Date.parse(v.endsAt);
  const issues: DesiredStateIssue[] = [];
  if (ends <= now.getTime()) issues.push({ path: "$.endsAt", message: "must be in the future" });
  else if (ends <= starts) issues.push({ path: "$.endsAt", message: "must be after startsAt" });
  if (ends - starts > MAX_SILENCE_MS)
    issues.push({ path: "$.endsAt", message: "must be at most 30 days after startsAt" });
  if (issues.length > 0) return { ok: false, issues };
  const { endpoint, codes } = v.matchers;
  return {
    ok: true,
    value: {
      ...(v.id !== undefined && { id: v.id }),
      matchers: {
        profile: v.matchers.profile.toLowerCase(),
        ...(endpoint !== undefined && { endpoint }),
        ...(codes !== undefined && { codes: [...new Set(codes)] }),
      },
      startsAt: new Date(starts).toISOString(),
      endsAt: new Date(ends).toISOString(),
      comment: v.comment,
    },
  };
}
