import type { ApplyRecord, Plan, PlanChange } from "../core/reconcile/plan.js";

function show(value: unknown): string {
  if (value === null || value === undefined) return "(unset)";
  return typeof value === "string" || typeof value === "number" ? String(value) : JSON.stringify(value);
}

/** `~ web-westus priority 3 → 2`; profile settings are named `profile`. */
export function formatChange(change: PlanChange): string {
  const who = change.target === "profile" ? "profile" : change.name;
  return `~ ${who} ${change.field} ${show(change.from)} → ${show(change.to)}   # ${change.reason}`;
}

/** A plan as a diff-like text, for people. */
export function formatPlanText(plan: Plan): string {
  const lines = [`Plan for ${plan.profile}${plan.force ? " (force)" : ""}`, `  hash ${plan.hash}`, ""];
  if (plan.changes.length === 0) lines.push("No changes: Traffic Manager matches the desired state.");
  else
    lines.push(
      ...plan.changes.map(formatChange),
      "",
      `${String(plan.changes.length)} change(s), in apply order.`,
    );
  for (const b of plan.blocked)
    lines.push(`BLOCKED (${b.rule}${b.forceable ? ", --force lifts it" : ""}): ${b.message}`);
  for (const b of plan.overridden) lines.push(`forced past (${b.rule}): ${b.message}`);
  for (const note of plan.notes) lines.push(`note: ${note}`);
  return lines.join("\n");
}

/** What an apply did, one line per change. */
export function formatApplyText(record: ApplyRecord): string {
  if (record.results.length === 0) return `Nothing to apply for ${record.profile}.`;
  const mark = { applied: "✓", failed: "✗", skipped: "-" } as const;
  return [
    `Applied to ${record.profile} by ${record.appliedBy} at ${record.at}:`,
    ...record.results.map(
      (r) =>
        `${mark[r.status]} ${r.target === "profile" ? "profile" : r.name} ${r.field} → ${show(r.to)} ${r.status}${r.error ? `: ${r.error}` : ""}`,
    ),
  ].join("\n");
}
