import type { Finding } from "./finding.js";
import type { LiveProfile } from "./profile.js";

/**
 * Live monitor settings and priorities that break Traffic Manager's documented limits
 * (docs/audit-rules.md, Monitor limits), one MONITOR_CONFIG_INVALID warning per problem naming the
 * field. The desired-state schema rejects the same values; a live profile can still carry them
 * (an older API version, an exported or hand-written file), and then probing does not behave as
 * the settings suggest.
 */
export function monitorConfigFindings(profile: Pick<LiveProfile, "monitor" | "endpoints">): Finding[] {
  const problems: { field: string; message: string; expected: unknown; actual: unknown }[] = [];
  const m = profile.monitor;
  if (m) {
    const http = m.protocol === "HTTP" || m.protocol === "HTTPS";
    if (m.protocol === "TCP" && m.path !== undefined && m.path !== "")
      problems.push({
        field: "monitorConfig.path",
        message: `a TCP monitor takes no path, but path is "${m.path}"`,
        expected: "no path",
        actual: m.path,
      });
    if (http && (m.path === undefined || m.path.trim() === ""))
      problems.push({
        field: "monitorConfig.path",
        message: `an ${m.protocol} monitor needs a path ("/" is valid), but none is set`,
        expected: "a path such as /health",
        actual: m.path ?? null,
      });
    if (m.intervalInSeconds !== 10 && m.intervalInSeconds !== 30)
      problems.push({
        field: "monitorConfig.intervalInSeconds",
        message: `the probing interval must be 30 (normal) or 10 (fast), but it is ${m.intervalInSeconds}`,
        expected: [10, 30],
        actual: m.intervalInSeconds,
      });
    const maxTimeout = m.intervalInSeconds === 10 ? 9 : 10;
    if (m.timeoutInSeconds < 5 || m.timeoutInSeconds > maxTimeout)
      problems.push({
        field: "monitorConfig.timeoutInSeconds",
        message: `with interval ${m.intervalInSeconds} the timeout must be 5–${maxTimeout} seconds, but it is ${m.timeoutInSeconds}`,
        expected: { min: 5, max: maxTimeout },
        actual: m.timeoutInSeconds,
      });
    if (
      !Number.isInteger(m.toleratedNumberOfFailures) ||
      m.toleratedNumberOfFailures < 0 ||
      m.toleratedNumberOfFailures > 9
    )
      problems.push({
        field: "monitorConfig.toleratedNumberOfFailures",
        message: `tolerated failures must be 0–9, but it is ${m.toleratedNumberOfFailures}`,
        expected: { min: 0, max: 9 },
        actual: m.toleratedNumberOfFailures,
      });
  }
  for (const e of profile.endpoints) {
    if (e.priority !== undefined && (!Number.isInteger(e.priority) || e.priority < 1 || e.priority > 1000))
      problems.push({
        field: `endpoints[${JSON.stringify(e.name)}].priority`,
        message: `endpoint "${e.name}" has priority ${e.priority}, outside 1–1000`,
        expected: { min: 1, max: 1000 },
        actual: e.priority,
      });
  }
  const without = profile.endpoints.filter((e) => e.priority === undefined).map((e) => e.name);
  if (without.length > 0 && without.length < profile.endpoints.length)
    problems.push({
      field: "endpoints[].priority",
      message: `priorities must be set on every endpoint or on none, but ${without.map((n) => `"${n}"`).join(", ")} ha${without.length === 1 ? "s" : "ve"} none`,
      expected: "a priority on every endpoint",
      actual: { withoutPriority: without },
    });
  return problems.map((p) => ({
    code: "MONITOR_CONFIG_INVALID",
    severity: "warning",
    message: `${p.field}: ${p.message}; Traffic Manager's documented limits do not allow it.`,
    expected: p.expected,
    actual: { field: p.field, value: p.actual },
  }));
}
