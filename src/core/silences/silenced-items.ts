import type { AlertMessage, SilencedItem } from "../alerts/alert-message.js";

export type { SilencedItem } from "../alerts/alert-message.js";
import type { SilenceAwareIncident } from "./advance-with-silences.js";

/**
 * Moves the incidents that are silenced right now out of "still open" into `silenced`, so a
 * message says what is held back and until when instead of presenting it as a live problem.
 */
export function withSilenced(
  message: AlertMessage | undefined,
  incidents: readonly SilenceAwareIncident[],
): AlertMessage | undefined {
  if (!message) return undefined;
  const silenced = incidents.filter((i) => (i.silencedBy?.length ?? 0) > 0);
  if (silenced.length === 0) return message;
  const key = (code: string, endpoint: string | undefined) => `${code}|${endpoint ?? ""}`.toLowerCase();
  const quiet = new Set(silenced.map((i) => key(i.code, i.endpoint)));
  return {
    ...message,
    stillOpen: message.stillOpen.filter((i) => !quiet.has(key(i.code, i.endpoint))),
    silenced: silenced.map((i) => ({
      code: i.code,
      severity: i.severity,
      ...(i.endpoint !== undefined && { endpoint: i.endpoint }),
      message: i.message,
      silencedBy: i.silencedBy ?? [],
      ...(i.silencedUntil !== undefined && { until: i.silencedUntil }),
    })),
  };
}

/** `PROBE_FAILED (web-eastus) until 2026-01-31T18:00:00.000Z by 1f2e…, maintenance`. */
export function describeSilencedItem(item: SilencedItem): string {
  const where = item.endpoint !== undefined ? ` (${item.endpoint})` : "";
  const until = item.until !== undefined ? ` until ${item.until}` : "";
  return `${item.code}${where}${until} by ${item.silencedBy.join(", ")}`;
}
