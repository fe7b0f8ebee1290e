import type { RawArmEndpoint, RawArmProfile } from "./builders/arm-raw-profile.js";

/** ARM's error envelope. */
export interface ArmErrorBody {
  error: { code: string; message: string };
}

/**
 * ARM's answer to a PATCH that would give two endpoints one priority. ARM documents the rule
 * (priorities unique, 1–1000) but not the error body; this assumes the generic 400 `BadRequest`
 * envelope Traffic Manager uses for invalid endpoint properties (see docs/reconcile.md).
 */
export function duplicatePriority(endpoint: string, priority: number, holder: string): ArmErrorBody {
  return {
    error: {
      code: "BadRequest",
      message:
        `Endpoint '${endpoint}' cannot use priority ${String(priority)}: endpoint '${holder}' already has it. ` +
        "Priority values must be unique among the endpoints of a profile.",
    },
  };
}

function badRequest(message: string): ArmErrorBody {
  return { error: { code: "BadRequest", message } };
}

function propertiesOf(body: string): Record<string, unknown> | ArmErrorBody {
  try {
    const parsed = JSON.parse(body || "{}") as { properties?: unknown };
    const props = parsed.properties ?? {};
    if (typeof props !== "object" || props === null || Array.isArray(props))
      return badRequest("The request body's properties must be an object.");
    return props as Record<string, unknown>;
  } catch {
    return badRequest("The request body is not valid JSON.");
  }
}

const isError = (v: unknown): v is ArmErrorBody =>
  typeof v === "object" && v !== null && "error" in v && typeof (v as ArmErrorBody).error === "object";

/**
 * Applies an endpoint PATCH as ARM does: only the given properties change; a priority outside
 * 1–1000 or held by another endpoint of the profile is refused (400) and nothing changes.
 * Disabling shows as endpointMonitorStatus Disabled, enabling as CheckingEndpoint until probed.
 */
export function patchEndpoint(
  profile: RawArmProfile,
  endpoint: RawArmEndpoint,
  body: string,
): ArmErrorBody | undefined {
  const props = propertiesOf(body);
  if (isError(props)) return props;
  const priority = props["priority"];
  if (priority !== undefined) {
    if (typeof priority !== "number" || !Number.isInteger(priority) || priority < 1 || priority > 1000)
      return badRequest(`Endpoint '${endpoint.name}': priority must be an integer from 1 to 1000.`);
    const holder = profile.properties.endpoints.find(
      (e) => e !== endpoint && e.properties["priority"] === priority,
    );
    if (holder) return duplicatePriority(endpoint.name, priority, holder.name);
  }
  const wasStatus = endpoint.properties["endpointStatus"];
  Object.assign(endpoint.properties, props);
  const status = endpoint.properties["endpointStatus"];
  if (status !== wasStatus)
    endpoint.properties["endpointMonitorStatus"] = status === "Disabled" ? "Disabled" : "CheckingEndpoint";
  return undefined;
}

/** Applies a profile PATCH: monitorConfig and dnsConfig merge key by key, other properties replace. */
export function patchProfile(profile: RawArmProfile, body: string): ArmErrorBody | undefined {
  const props = propertiesOf(body);
  if (isError(props)) return props;
  const { monitorConfig, dnsConfig, endpoints: _ignored, ...rest } = props;
  void _ignored;
  const target = profile.properties;
  if (monitorConfig !== undefined)
    target["monitorConfig"] = { ...(target["monitorConfig"] as object), ...(monitorConfig as object) };
  if (dnsConfig !== undefined) {
    const { fqdn: _fqdn, ...dns } = dnsConfig as Record<string, unknown>;
    void _fqdn;
    target["dnsConfig"] = { ...(target["dnsConfig"] as object), ...dns };
  }
  Object.assign(target, rest);
  return undefined;
}
