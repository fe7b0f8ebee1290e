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
  let value = body;
  if (typeof body === "string") {
    try {
      value = JSON.parse(body) as unknown;
    } catch {
      return { ok: false, problems: ["message body is not JSON"] };
    }
  }
  const parsed = workItemSchema.safeParse(value);
  if (parsed.success) return { ok: true, item: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((i) => `${formatJsonPath(i.path)}: ${i.message}`),
  };
}
