import type { ProfileKey } from "./profile.js";

/** One rejected route segment: `path` names it (`route.subscriptionId`, …), `message` says what it must be. */
export interface SegmentProblem {
  path: string;
  message: string;
}

export type SegmentCheck = { ok: true; key: ProfileKey } | { ok: false; problems: SegmentProblem[] };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** ARM: 1–90 letters or digits (any script), `_`, `-`, `.`, `(`, `)`; not ending in `.`. */
const RESOURCE_GROUP = /^[\p{L}\p{N}_\-.()]{1,90}$/u;
/** Traffic Manager profiles: 1–63 letters, digits, `-`, `.`; starting and ending with a letter or digit. */
const PROFILE_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9\-.]{0,61}[A-Za-z0-9])?$/;
/** C0 controls, DEL and C1 controls: never part of an ARM name, and unsafe to echo into logs. */
const CONTROL = new RegExp(
  `[${String.fromCharCode(0)}-${String.fromCharCode(0x1f)}${String.fromCharCode(0x7f)}-${String.fromCharCode(0x9f)}]`,
  "u",
);

export const MAX_RESOURCE_GROUP_LENGTH = 90;
export const MAX_PROFILE_NAME_LENGTH = 63;

/**
 * Checks the three route segments of a per-profile route by ARM's naming rules, before anything
 * uses them. Every bad segment is reported; a message never echoes control characters.
 */
export function checkProfileSegments(
  sub: string | undefined,
  rg: string | undefined,
  name: string | undefined,
): SegmentCheck {
  const problems: SegmentProblem[] = [];
  const common = (path: string, value: string | undefined): value is string => {
    if (value === undefined || value === "") problems.push({ path, message: "is missing" });
    else if (CONTROL.test(value)) problems.push({ path, message: "must not contain control characters" });
    else if (value.includes("/") || value.includes("\\"))
      problems.push({ path, message: "must not contain / or \\ (also not percent-encoded as %2F or %5C)" });
    else if (value.includes("..")) problems.push({ path, message: "must not contain .." });
    else return true;
    return false;
  };
  if (common("route.subscriptionId", sub) && !GUID.test(sub))
    problems.push({
      path: "route.subscriptionId",
      message: "must be a subscription GUID such as 00000000-0000-0000-0000-000000000000",
    });
  if (common("route.resourceGroup", rg) && (!RESOURCE_GROUP.test(rg) || rg.endsWith(".")))
    problems.push({
      path: "route.resourceGroup",
      message:
        rg.length > MAX_RESOURCE_GROUP_LENGTH
          ? `must be at most ${String(MAX_RESOURCE_GROUP_LENGTH)} characters`
          : "must be 1-90 letters, digits, _ - . ( ) and must not end with .",
    });
  if (common("route.profileName", name) && !PROFILE_NAME.test(name))
    problems.push({
      path: "route.profileName",
      message:
        name.length > MAX_PROFILE_NAME_LENGTH
          ? `must be at most ${String(MAX_PROFILE_NAME_LENGTH)} characters`
          : "must be 1-63 letters, digits, - and ., starting and ending with a letter or digit",
    });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, key: { subscriptionId: sub!, resourceGroup: rg!, profileName: name! } };
}
