import type { ProfileKey } from "./profile.js";

/**
 * The profile key users see in routes and storage: `{subscriptionId}/{resourceGroup}/{profileName}`.
 * ARM names are case-insensitive, so the canonical form is lower case.
 */
export function formatProfileKey(key: ProfileKey): string {
  return `${key.subscriptionId}/${key.resourceGroup}/${key.profileName}`.toLowerCase();
}

export function parseProfileKey(text: string): ProfileKey | undefined {
  const parts = text.split("/");
  if (parts.length !== 3 || parts.some((p) => p.trim() === "")) return undefined;
  const [subscriptionId, resourceGroup, profileName] = parts as [string, string, string];
  return { subscriptionId, resourceGroup, profileName };
}

const PROFILE_ID =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/trafficManagerProfiles\/([^/]+)\/?$/i;

/** Reads the key out of an ARM resource ID; undefined when the ID is not a Traffic Manager profile. */
export function profileKeyFromId(id: string): ProfileKey | undefined {
  const m = PROFILE_ID.exec(id);
  if (!m) return undefined;
  return { subscriptionId: m[1]!, resourceGroup: m[2]!, profileName: m[3]! };
}

export function profileIdFromKey(key: ProfileKey): string {
  return `/subscriptions/${key.subscriptionId}/resourceGroups/${key.resourceGroup}/providers/Microsoft.Network/trafficManagerProfiles/${key.profileName}`;
}

export function sameProfileId(a: string, b: string): boolean {
  return a.replace(/\/+$/, "").toLowerCase() === b.replace(/\/+$/, "").toLowerCase();
}
