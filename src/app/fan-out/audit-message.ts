import { z } from "zod";
import type { DesiredState } from "../../core/desired-state.js";
import { formatProfileKey } from "../../core/profile-key.js";
import type { LiveProfile } from "../../core/profile.js";
import type { AuditMessage, ListedAuditBatch } from "../ports/audit-queue.js";
import { messageJson, parseWorkItem } from "./work-item.js";

/**
 * The listed-snapshot message (`v: 2`). The timer wrote it from its own listing, so the profiles
 * are checked for shape only (enough that a truncated or foreign body is dropped, not audited).
 */
const liveProfileSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  key: z.object({ subscriptionId: z.string(), resourceGroup: z.string(), profileName: z.string() }),
  endpoints: z.array(z.looseObject({ name: z.string(), type: z.string() })),
});

const failureSchema = z.object({
  scope: z.string(),
  profiles: z.array(z.string()),
  reason: z.enum(["not-found", "forbidden", "throttled", "upstream", "malformed", "timeout"]),
  message: z.string(),
});

const batchSchema = z.object({
  v: z.literal(2),
  cycleId: z.string().min(1).max(100),
  cycleStartedAt: z.iso.datetime(),
  profiles: z.array(liveProfileSchema).min(1),
  related: z.array(liveProfileSchema),
  failures: z.array(failureSchema),
  desired: z.record(z.string(), z.looseObject({})).optional(),
});

export type ParsedAuditMessage = { ok: true; message: AuditMessage } | { ok: false; problems: string[] };

/** Accepts both formats: the listed batch (`v: 2`) and the old one-profile item (in flight during an upgrade). */
export function parseAuditMessage(body: unknown): ParsedAuditMessage {
  const json = messageJson(body);
  if (!json.ok) return json;
  const value = json.value;
  if (typeof value !== "object" || value === null || !("v" in value)) {
    const legacy = parseWorkItem(value);
    return legacy.ok ? { ok: true, message: legacy.item } : legacy;
  }
  const parsed = batchSchema.safeParse(value);
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => `${i.path.map(String).join(".") || "message"}: ${i.message}`),
    };
  const batch: ListedAuditBatch = {
    v: 2,
    cycleId: parsed.data.cycleId,
    cycleStartedAt: parsed.data.cycleStartedAt,
    profiles: parsed.data.profiles as unknown as LiveProfile[],
    related: parsed.data.related as unknown as LiveProfile[],
    failures: parsed.data.failures,
  };
  if (parsed.data.desired) batch.desired = parsed.data.desired as unknown as Record<string, DesiredState>;
  return { ok: true, message: batch };
}

export function isListedBatch(message: AuditMessage): message is ListedAuditBatch {
  return "v" in message;
}

/** The profile keys (lower case) a message asks to audit. */
export function profilesOf(message: AuditMessage): string[] {
  if (!isListedBatch(message)) return [message.profile];
  return message.profiles.map((p) => formatProfileKey(p.key));
}
