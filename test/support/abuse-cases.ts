import { allFunctions } from "../../src/functions/all-functions.js";
import type { HttpFunctionDefinition } from "../../src/functions/definition.js";

export const WATCHED_SUB = "0000aaaa-0000-4000-8000-00000000000a";
const UNWATCHED_SUB = "0000cccc-0000-4000-8000-00000000000c";

/** Every HTTP route of the app, from the one list src/index.ts registers: new routes are covered automatically. */
export const httpDefinitions = allFunctions.filter((d): d is HttpFunctionDefinition => d.kind === "http");
export const perProfileDefinitions = httpDefinitions.filter((d) => d.route.includes("{sub}/{rg}/{name}"));

export interface SegmentCase {
  what: string;
  /** Route params as the host decodes them. */
  params: { sub: string; rg: string; name: string };
  /** The same, percent-encoded for a URL path. */
  path: string;
  status: 400 | 404;
}

const nul = String.fromCharCode(0);
const bel = String.fromCharCode(7);
const seg = (sub: string, rg: string, name: string, what: string, status: 400 | 404): SegmentCase => ({
  what,
  params: { sub, rg, name },
  path: [sub, rg, name].map(encodeURIComponent).join("/"),
  status,
});

/** The route segments a careless or hostile caller sends, with the status each must get. */
export const segmentCases: SegmentCase[] = [
  seg(UNWATCHED_SUB, "rg1", "real", "an unwatched subscription", 404),
  seg(WATCHED_SUB, "rg1", "nope", "a misspelled profile in a watched scope", 404),
  seg(WATCHED_SUB, "rg-other", "real", "an unwatched resource group", 404),
  seg("sub1", "rg1", "real", "a subscription that is not a GUID", 400),
  seg(WATCHED_SUB, "rg1", `re${nul}al`, "a NUL in the name", 400),
  seg(WATCHED_SUB, `rg${bel}1`, "real", "a control character in the resource group", 400),
  seg(WATCHED_SUB, "rg1/x", "real", "%2F in the resource group", 400),
  seg(WATCHED_SUB, "..", "real", ".. as the resource group", 400),
  seg(WATCHED_SUB, "rg1", "a".repeat(64), "a profile name over 63 characters", 400),
  seg(WATCHED_SUB, "r".repeat(91), "real", "a resource group over 90 characters", 400),
];

/** A concrete path for a route template: the profile segments given, other parameters `x`. */
export function pathOf(def: HttpFunctionDefinition, profilePath: string): string {
  return def.route.replace("{sub}/{rg}/{name}", profilePath).replace(/\{[^}]+\}/g, "x");
}
