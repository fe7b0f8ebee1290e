import { z } from "zod";
import { formatJsonPath } from "../../core/json-path.js";
import { parseProfileKey } from "../../core/profile-key.js";
import type { AuditWorkItem } from "../ports/audit-queue.js";

/** What an audit-queue message must contain; anything else is logged and dropped, never retried. */
const workItemSchema = z.object({
  cycleId: z.string().min(1).max(100),
  cycleStartedAt: z.iso.datetime(),
  profile: z
    .string()
    .refine((v) => parseProfileKey(v) !== undefined, "must be {subscriptionId}/{resourceGroup}/{profileName}")
    .transform((v) => v.toLowerCase()),
});

export type ParsedWorkItem = { ok: true; item: AuditWorkItem } | { ok: false; problems: string[] };

/** Validates a message body (the host hands JSON bodies over parsed; a string is parsed here). */
export function parseWorkItem(body: unknown): ParsedWorkItem {
  const json = messageJson(body);
  if (!json.ok) return json;
  const value = json.value;
  const parsed = workItemSchema.safeParse(value);
  if (parsed.success) return { ok: true, item: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((i) => `${formatJsonPath(i.path)}: ${i.message}`),
  };
}

/** The host hands JSON bodies over parsed; a string body (a hand-sent message) is parsed here. */
export function messageJson(body: unknown): { ok: true; value: unknown } | { ok: false; problems: string[] } {
  if (typeof body !== "string") return { ok: true, value: body };
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch {
    return { ok: false, problems: ["message body is not JSON"] };
  }
}
