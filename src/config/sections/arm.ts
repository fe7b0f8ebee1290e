import { z } from "zod";
import { parseWatchEntries, parseWatchTag, type WatchEntry, type WatchTag } from "../../core/watch-list.js";

export const DEFAULT_ARM_SCOPE = "https://management.azure.com/.default";
export const DEFAULT_ARM_MAX_RETRIES = 3;
export const DEFAULT_ARM_TIMEOUT_MS = 30_000;

const wholeNumber = (min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(min, `must be at least ${String(min)}`)
    .max(max, `must be at most ${String(max)}`)
    .default(fallback);

const httpsUrl = z
  .string()
  .trim()
  .refine((v) => URL.canParse(v) && new URL(v).protocol === "https:", "must be an https:// URL")
  .transform((v) => v.replace(/\/+$/, ""));

/** Settings of the arm area: where live profiles come from and how ARM is called. */
export const armSection = z
  .object({
    TM_WATCH: z
      .string()
      .optional()
      .transform((v, ctx): WatchEntry[] => {
        if (v === undefined) return [];
        const parsed = parseWatchEntries(v);
        if (parsed.ok) return parsed.value;
        for (const message of parsed.errors) ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }),
    TM_WATCH_TAG: z
      .string()
      .optional()
      .transform((v, ctx): WatchTag | undefined => {
        if (v === undefined) return undefined;
        const parsed = parseWatchTag(v);
        if (parsed.ok) return parsed.value;
        for (const message of parsed.errors) ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }),
    ARM_ENDPOINT: httpsUrl.optional(),
    ARM_SCOPE: z.string().trim().default(DEFAULT_ARM_SCOPE),
    AZURE_CLIENT_ID: z.string().trim().optional(),
    ARM_MAX_RETRIES: wholeNumber(0, 10, DEFAULT_ARM_MAX_RETRIES),
    ARM_TIMEOUT_MS: wholeNumber(100, 600_000, DEFAULT_ARM_TIMEOUT_MS),
    LIVE_PROFILE_FILE: z.string().trim().optional(),
  })
  .transform((s) => ({
    /** Empty when TM_WATCH is unset: the live source then refuses to run with a CONFIG error. */
    watch: s.TM_WATCH,
    watchTag: s.TM_WATCH_TAG,
    /** Base URL override (sovereign clouds, the local test ARM); undefined means management.azure.com. */
    endpoint: s.ARM_ENDPOINT,
    scope: s.ARM_SCOPE,
    /** Client ID of a user-assigned managed identity. */
    clientId: s.AZURE_CLIENT_ID,
    maxRetries: s.ARM_MAX_RETRIES,
    timeoutMs: s.ARM_TIMEOUT_MS,
    /** Exported profile JSON (file or directory) read instead of ARM, for offline and demo runs. */
    liveProfileFile: s.LIVE_PROFILE_FILE,
  }));

export type ArmConfig = z.output<typeof armSection>;
