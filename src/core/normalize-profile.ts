import { looksLikeEndpoint, normalizeEndpoint } from "./normalize-endpoint.js";
import type { LiveProfile, MonitorConfig, MonitorProtocol, ProfileKey } from "./profile.js";
import { childPath, FieldReader, isObject, ProfileFormatError, readHeaders } from "./profile-format-error.js";
import { profileIdFromKey, profileKeyFromId } from "./profile-key.js";

export { ProfileFormatError } from "./profile-format-error.js";

/**
 * Key given to exported profiles that carry no ARM ID (e.g. a PUT request body): the profile
 * name under a placeholder subscription and resource group, so reports still have a stable key.
 */
export const PLACEHOLDER_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";
export const PLACEHOLDER_RESOURCE_GROUP = "local";

const ROUTING_METHODS = ["Performance", "Priority", "Weighted", "Geographic", "MultiValue", "Subnet"];
const PROFILE_SHAPE =
  "a Traffic Manager profile (raw ARM JSON with `properties`, or the SDK's flattened Profile)";

/** The ARM body inside an example envelope `{parameters, responses: {"200"|"201": {body}}}`. */
function unwrapEnvelope(value: unknown, path: string): { value: unknown; path: string } {
  if (!isObject(value) || !isObject(value["responses"])) return { value, path };
  const responses = value["responses"];
  const statusKey = ["200", "201", ...Object.keys(responses)].find((k) => isObject(responses[k]));
  const responsesPath = childPath(path, "responses");
  if (statusKey === undefined) {
    throw new ProfileFormatError(responsesPath, 'a response such as "200": { body }', responses);
  }
  const response = responses[statusKey] as Record<string, unknown>;
  return { value: response["body"], path: childPath(childPath(responsesPath, statusKey), "body") };
}

/** Normalises one profile from any shape users have (see the README (Finding codes) and docs/audit-rules.md). @throws ProfileFormatError */
export function normalizeProfile(input: unknown): LiveProfile {
  const { value, path } = unwrapEnvelope(input, "$");
  if (Array.isArray(value) || (isObject(value) && Array.isArray(value["value"]))) {
    throw new ProfileFormatError(path, "a single profile (use normalizeProfiles for lists)", value);
  }
  return profileFrom(value, path);
}

/**
 * Normalises a profile, a list body `{value: [...]}`, an envelope of either, or an array of any
 * of these. @throws ProfileFormatError naming the first offending path
 */
export function normalizeProfiles(input: unknown): LiveProfile[] {
  const { value, path } = unwrapEnvelope(input, "$");
  if (Array.isArray(value)) return value.flatMap((item, i) => normalizeProfilesAt(item, childPath(path, i)));
  if (isObject(value) && Array.isArray(value["value"])) {
    const listPath = childPath(path, "value");
    return value["value"].map((item, i) => profileFrom(item, childPath(listPath, i)));
  }
  return [profileFrom(value, path)];
}

function normalizeProfilesAt(item: unknown, path: string): LiveProfile[] {
  const inner = unwrapEnvelope(item, path);
  if (isObject(inner.value) && Array.isArray(inner.value["value"])) {
    const listPath = childPath(inner.path, "value");
    return inner.value["value"].map((p, i) => profileFrom(p, childPath(listPath, i)));
  }
  return [profileFrom(inner.value, inner.path)];
}

function profileFrom(value: unknown, path: string): LiveProfile {
  if (!isObject(value)) throw new ProfileFormatError(path, PROFILE_SHAPE, value);
  const outer = new FieldReader(value, path);
  if (looksLikeEndpoint(outer)) return profileFromEndpoint(outer);
  const props = outer.object("properties") ?? outer;
  const profileKeys = ["trafficRoutingMethod", "endpoints", "dnsConfig", "monitorConfig", "profileStatus"];
  if (!profileKeys.some((k) => props.raw(k) !== undefined)) {
    throw new ProfileFormatError(path, PROFILE_SHAPE, value);
  }
  const dnsReader = props.object("dnsConfig");
  const name = outer.string("name") ?? dnsReader?.string("relativeName");
  const { id, key } = identify(outer, name);
  const dns: LiveProfile["dns"] = {};
  const relativeName = dnsReader?.string("relativeName");
  if (relativeName !== undefined) dns.relativeName = relativeName;
  const fqdn = dnsReader?.string("fqdn");
  if (fqdn !== undefined) dns.fqdn = fqdn;
  const ttl = dnsReader?.number("ttl");
  if (ttl !== undefined) dns.ttl = ttl;

  const profile: LiveProfile = {
    id,
    key,
    name: name ?? key.profileName,
    profileStatus: canonical(props.string("profileStatus"), ["Enabled", "Disabled"]) ?? "Enabled",
    routingMethod: canonical(props.string("trafficRoutingMethod"), ROUTING_METHODS) ?? "Unknown",
    dns,
    endpoints: props.objects("endpoints").map((e) => normalizeEndpoint(e)),
    tags: readTags(outer),
  };
  const monitorReader = props.object("monitorConfig");
  if (monitorReader) profile.monitor = normalizeMonitor(monitorReader);
  return profile;
}

/** The profile's ARM ID and key; synthesised from the placeholder key when the document has no ID. */
function identify(outer: FieldReader, name: string | undefined): { id: string; key: ProfileKey } {
  const id = outer.string("id");
  if (id !== undefined) {
    const key = profileKeyFromId(id);
    if (!key)
      throw new ProfileFormatError(childPath(outer.path, "id"), "a Traffic Manager profile resource ID", id);
    return { id, key };
  }
  if (name === undefined || name === "") {
    throw new ProfileFormatError(childPath(outer.path, "name"), "the profile name (or an id)", undefined);
  }
  const key = {
    subscriptionId: PLACEHOLDER_SUBSCRIPTION,
    resourceGroup: PLACEHOLDER_RESOURCE_GROUP,
    profileName: name,
  };
  return { id: profileIdFromKey(key), key };
}

/**
 * A lone endpoint document (e.g. an endpoint GET/PATCH body) becomes a one-endpoint profile whose
 * key comes from the endpoint ID; its routing method is "Unknown" because the document has none.
 */
function profileFromEndpoint(outer: FieldReader): LiveProfile {
  const endpoint = normalizeEndpoint(outer);
  const profileId = endpoint.id?.replace(/\/[^/]+\/[^/]+\/?$/, "");
  const fromId = profileId === undefined ? undefined : profileKeyFromId(profileId);
  const key = fromId ?? {
    subscriptionId: PLACEHOLDER_SUBSCRIPTION,
    resourceGroup: PLACEHOLDER_RESOURCE_GROUP,
    profileName: endpoint.name,
  };
  return {
    id: fromId && profileId !== undefined ? profileId : profileIdFromKey(key),
    key,
    name: key.profileName,
    profileStatus: "Enabled",
    routingMethod: "Unknown",
    dns: {},
    endpoints: [endpoint],
    tags: {},
  };
}

function normalizeMonitor(m: FieldReader): MonitorConfig {
  const protocolText = m.string("protocol") ?? "HTTP";
  const protocol = (["HTTP", "HTTPS", "TCP"] as const).find((p) => p === protocolText.toUpperCase());
  if (!protocol)
    throw new ProfileFormatError(childPath(m.path, "protocol"), "HTTP, HTTPS or TCP", protocolText);
  const interval = m.number("intervalInSeconds") ?? 30;
  const monitor: MonitorConfig = {
    protocol,
    port: m.number("port") ?? defaultPort(protocol, m),
    intervalInSeconds: interval,
    timeoutInSeconds: m.number("timeoutInSeconds") ?? (interval === 10 ? 9 : 10),
    toleratedNumberOfFailures: m.number("toleratedNumberOfFailures") ?? 3,
    customHeaders: readHeaders(m, "customHeaders"),
    expectedStatusCodeRanges: m.objects("expectedStatusCodeRanges").map((r) => {
      const min = r.number("min");
      const max = r.number("max");
      if (min === undefined)
        throw new ProfileFormatError(childPath(r.path, "min"), "a status code", undefined);
      if (max === undefined)
        throw new ProfileFormatError(childPath(r.path, "max"), "a status code", undefined);
      return { min, max };
    }),
  };
  const path = m.string("path");
  if (path !== undefined && protocol !== "TCP") monitor.path = path;
  const status = canonical(m.string("profileMonitorStatus"), [
    "CheckingEndpoints",
    "Online",
    "Degraded",
    "Disabled",
    "Inactive",
  ]);
  if (status !== undefined) monitor.profileMonitorStatus = status;
  return monitor;
}

function defaultPort(protocol: MonitorProtocol, m: FieldReader): number {
  if (protocol === "HTTP") return 80;
  if (protocol === "HTTPS") return 443;
  throw new ProfileFormatError(childPath(m.path, "port"), "a port for TCP monitoring", undefined);
}

function readTags(outer: FieldReader): Record<string, string> {
  const tags = outer.object("tags");
  const out: Record<string, string> = {};
  if (!tags) return out;
  for (const [k, v] of Object.entries(tags.value)) if (typeof v === "string") out[k] = v;
  return out;
}

/** Known enum values in ARM's spelling, matched case-insensitively; unknown ones are kept as sent. */
function canonical(value: string | undefined, known: readonly string[]): string | undefined {
  if (value === undefined) return undefined;
  return known.find((k) => k.toLowerCase() === value.toLowerCase()) ?? value;
}
