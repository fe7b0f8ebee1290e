/**
 * Every metric tm-sentinel records: name, instrument, unit and attributes. docs/telemetry.md lists
 * the same table; a test keeps the two in step.
 */
export const METRICS = {
  probeDuration: {
    name: "tm_sentinel.probe.duration",
    instrument: "histogram",
    unit: "ms",
    attributes: ["profile", "endpoint", "outcome"],
    description:
      "Duration of one probe of one endpoint; outcome is up, http-status, timeout, refused, dns, reset, tls or error.",
  },
  endpointHealthy: {
    name: "tm_sentinel.endpoint.healthy",
    instrument: "gauge",
    unit: "1",
    attributes: ["profile", "endpoint"],
    description:
      "1 when the last audit found the endpoint healthy (our probe verdict, else Traffic Manager's status), 0 otherwise.",
  },
  servingEndpointChanges: {
    name: "tm_sentinel.serving_endpoint_changes",
    instrument: "counter",
    unit: "{change}",
    attributes: ["profile", "endpoint"],
    description:
      "Times the serving endpoint changed between two audits; endpoint is the new one (none when nothing serves).",
  },
  findings: {
    name: "tm_sentinel.findings",
    instrument: "counter",
    unit: "{finding}",
    attributes: ["profile", "code", "severity"],
    description: "Findings reported, one per finding per audit.",
  },
  auditDuration: {
    name: "tm_sentinel.audit.duration",
    instrument: "histogram",
    unit: "ms",
    attributes: ["profile", "outcome"],
    description:
      "Duration of the audit of one profile (live read excluded); outcome is ok or error (AUDIT_ERROR report).",
  },
  alertDeliveries: {
    name: "tm_sentinel.alert.deliveries",
    instrument: "counter",
    unit: "{delivery}",
    attributes: ["channel", "outcome"],
    description:
      "Attempts to send one alert message; outcome is delivered, failed (retried later) or rejected (configuration error, not retried).",
  },
} as const;

/** Spans of one audit: the cycle and its stages, in order. */
export const SPANS = {
  cycle: "tm_sentinel.audit",
  armRead: "tm_sentinel.arm.read",
  probes: "tm_sentinel.probes",
  store: "tm_sentinel.store",
  alerts: "tm_sentinel.alerts",
} as const;

export const INSTRUMENTATION_SCOPE = "tm-sentinel";
