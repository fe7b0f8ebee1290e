import type { Endpoint, EndpointMonitorStatus, EndpointType } from "./profile.js";
import type { FieldReader } from "./profile-format-error.js";
import { childPath, ProfileFormatError, readHeaders } from "./profile-format-error.js";

/** A Map: the type text comes from the file or ARM, and "constructor" must not find Object's. */
const ENDPOINT_TYPES = new Map<string, EndpointType>([
  ["azureendpoints", "AzureEndpoints"],
  ["externalendpoints", "ExternalEndpoints"],
  ["nestedendpoints", "NestedEndpoints"],
]);

const MONITOR_STATUSES = [
  "CheckingEndpoint",
  "Online",
  "Degraded",
  "Disabled",
  "Inactive",
  "Stopped",
  "Unmonitored",
] as const;

/** `…/trafficManagerProfiles/externalEndpoints` or `ExternalEndpoints` → `ExternalEndpoints`, any case. */
export function endpointTypeFrom(text: string): EndpointType | undefined {
  const last = text.split("/").pop() ?? "";
  return ENDPOINT_TYPES.get(last.toLowerCase());
}

/** The endpoint type segment of an endpoint resource ID, if the ID has one. */
function endpointTypeFromId(id: string): EndpointType | undefined {
  const m = /\/trafficManagerProfiles\/[^/]+\/([^/]+)\/[^/]+\/?$/i.exec(id);
  return m ? endpointTypeFrom(m[1]!) : undefined;
}

/** True when a document looks like a single endpoint resource rather than a profile. */
export function looksLikeEndpoint(reader: FieldReader): boolean {
  const type = reader.raw("type");
  if (typeof type === "string" && endpointTypeFrom(type) !== undefined && type.includes("/")) return true;
  const id = reader.raw("id");
  return typeof id === "string" && endpointTypeFromId(id) !== undefined;
}

/** Known statuses in ARM's spelling (matched case-insensitively); unknown ones are kept as sent. */
function canonicalStatus(status: string | undefined): EndpointMonitorStatus | undefined {
  if (status === undefined) return undefined;
  return MONITOR_STATUSES.find((s) => s.toLowerCase() === status.toLowerCase()) ?? status;
}

function isEnabledFlag(value: string | undefined, fallback: boolean): boolean {
  return value === undefined ? fallback : value.toLowerCase() === "enabled";
}

/**
 * One endpoint from raw ARM JSON (fields under `properties`) or the SDK's flattened shape.
 * A missing type is taken from the ID, else from `targetResourceId` (Azure), else External.
 */
export function normalizeEndpoint(outer: FieldReader): Endpoint {
  const props = outer.object("properties") ?? outer;
  const id = outer.string("id");
  const name = outer.string("name") ?? id?.split("/").pop();
  if (name === undefined || name === "") {
    throw new ProfileFormatError(childPath(outer.path, "name"), "the endpoint name", outer.raw("name"));
  }
  const typeText = outer.string("type");
  const targetResourceId = props.string("targetResourceId");
  let type: EndpointType | undefined;
  if (typeText !== undefined) {
    type = endpointTypeFrom(typeText);
    if (type === undefined) {
      throw new ProfileFormatError(
        childPath(outer.path, "type"),
        "an endpoint type ending in azureEndpoints, externalEndpoints or nestedEndpoints",
        typeText,
      );
    }
  } else {
    type =
      (id && endpointTypeFromId(id)) ||
      (targetResourceId !== undefined ? "AzureEndpoints" : "ExternalEndpoints");
  }

  const endpoint: Endpoint = {
    name,
    type,
    enabled: isEnabledFlag(props.string("endpointStatus"), true),
    alwaysServe: isEnabledFlag(props.string("alwaysServe"), false),
    customHeaders: readHeaders(props, "customHeaders"),
  };
  if (id !== undefined) endpoint.id = id;
  const target = props.string("target");
  if (target !== undefined) endpoint.target = target;
  if (targetResourceId !== undefined) endpoint.targetResourceId = targetResourceId;
  const monitorStatus = canonicalStatus(props.string("endpointMonitorStatus"));
  if (monitorStatus !== undefined) endpoint.monitorStatus = monitorStatus;
  const priority = props.number("priority");
  if (priority !== undefined) endpoint.priority = priority;
  const weight = props.number("weight");
  if (weight !== undefined) endpoint.weight = weight;
  const minChild = props.number("minChildEndpoints");
  if (minChild !== undefined) endpoint.minChildEndpoints = minChild;
  const minIpv4 = props.number("minChildEndpointsIPv4");
  if (minIpv4 !== undefined) endpoint.minChildEndpointsIPv4 = minIpv4;
  const minIpv6 = props.number("minChildEndpointsIPv6");
  if (minIpv6 !== undefined) endpoint.minChildEndpointsIPv6 = minIpv6;
  const location = props.string("endpointLocation");
  if (location !== undefined) endpoint.endpointLocation = location;
  return endpoint;
}
