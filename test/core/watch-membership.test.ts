import { describe, expect, it } from "vitest";
import { parseWatchEntries, type WatchEntry } from "../../src/core/watch-list.js";
import { isWatchedLive, watchStandingOf } from "../../src/core/watch-membership.js";
import { aProfile } from "../support/builders/audit-builders.js";

const A = "aaaaaaaa-0000-4000-8000-000000000001";
const B = "bbbbbbbb-0000-4000-8000-000000000002";
const id = (sub: string, rg: string, name: string) =>
  `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Network/trafficManagerProfiles/${name}`;

function entries(text: string): WatchEntry[] {
  const parsed = parseWatchEntries(text);
  if (!parsed.ok) throw new Error(parsed.errors.join("; "));
  return parsed.value;
}

describe("watchStandingOf", () => {
  const list = entries(`/subscriptions/${A}/resourceGroups/rg-web,${id(B, "rg-x", "TM-One")}`);

  it("finds a profile named by its resource ID, in any letter case", () => {
    expect(watchStandingOf(list, { subscriptionId: B, resourceGroup: "RG-X", profileName: "tm-one" })).toBe(
      "explicit",
    );
  });

  it("puts a profile of a watched resource group in scope", () => {
    expect(watchStandingOf(list, { subscriptionId: A, resourceGroup: "RG-web", profileName: "any" })).toBe(
      "in-scope",
    );
  });

  it("puts another resource group of the same subscription outside", () => {
    expect(watchStandingOf(list, { subscriptionId: A, resourceGroup: "rg-other", profileName: "any" })).toBe(
      "outside",
    );
  });

  it("puts another profile of an explicitly watched profile's resource group outside", () => {
    expect(watchStandingOf(list, { subscriptionId: B, resourceGroup: "rg-x", profileName: "tm-two" })).toBe(
      "outside",
    );
  });
});

describe("isWatchedLive", () => {
  const scope = entries(`/subscriptions/${A}`);
  const inA = (overrides: Parameters<typeof aProfile>[0]) =>
    aProfile({
      id: id(A, "rg1", "tm"),
      key: { subscriptionId: A, resourceGroup: "rg1", profileName: "tm" },
      ...overrides,
    });

  it("watches a Priority profile in a watched subscription", () => {
    expect(isWatchedLive(scope, undefined, inA({}))).toBe(true);
  });

  it("does not watch a Weighted profile found through a scope", () => {
    expect(isWatchedLive(scope, undefined, inA({ routingMethod: "Weighted" }))).toBe(false);
  });

  it("does not watch a profile without TM_WATCH_TAG", () => {
    expect(isWatchedLive(scope, { name: "sentinel" }, inA({ tags: { other: "x" } }))).toBe(false);
  });

  it("watches a profile carrying TM_WATCH_TAG", () => {
    expect(isWatchedLive(scope, { name: "Sentinel", value: "on" }, inA({ tags: { sentinel: "on" } }))).toBe(
      true,
    );
  });
});
