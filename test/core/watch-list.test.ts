import { describe, expect, it } from "vitest";
import { normalizeProfile } from "../../src/core/normalize-profile.js";
import {
  parseWatchEntries,
  parseWatchTag,
  selectWatched,
  watchedSubscriptions,
  type WatchEntry,
} from "../../src/core/watch-list.js";
import { buildRawProfile, rawProfileId } from "../support/builders/arm-raw-profile.js";

const SUB = "11111111-1111-1111-1111-111111111111";

function entries(text: string): WatchEntry[] {
  const parsed = parseWatchEntries(text);
  if (!parsed.ok) throw new Error(parsed.errors.join("; "));
  return parsed.value;
}

describe("parseWatchEntries", () => {
  it("reads subscription, resource-group and profile entries, ignoring blanks and spaces", () => {
    const parsed = entries(
      ` /subscriptions/${SUB} ,, /subscriptions/${SUB}/resourceGroups/rg-web/,${rawProfileId(SUB, "rg", "tm")}`,
    );

    expect(parsed.map((e) => e.kind)).toEqual(["subscription", "resource-group", "profile"]);
  });

  it("accepts ARM IDs in any letter case", () => {
    const [entry] = entries(
      `/SUBSCRIPTIONS/${SUB}/resourcegroups/RG/providers/microsoft.network/trafficmanagerprofiles/TM`,
    );

    expect(entry).toMatchObject({ kind: "profile", key: { resourceGroup: "RG", profileName: "TM" } });
  });

  it("reports every invalid entry, quoting it", () => {
    const parsed = parseWatchEntries(
      `/subscriptions/${SUB},my-profile,/subscriptions/x/resourceGroups/rg/providers/Microsoft.Web/sites/a`,
    );

    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors.map((e) => e.slice(0, 12))).toEqual(['"my-profile"', '"/subscripti']);
  });

  it("rejects a subscription ID that is not a GUID", () => {
    expect(parseWatchEntries("/subscriptions/my-sub").ok).toBe(false);
  });

  it("rejects a list with no entries", () => {
    expect(parseWatchEntries(" , ").ok).toBe(false);
  });
});

describe("parseWatchTag", () => {
  it("reads name=value", () => {
    expect(parseWatchTag("tm-sentinel=watch")).toEqual({
      ok: true,
      value: { name: "tm-sentinel", value: "watch" },
    });
  });

  it("reads a bare name as any value", () => {
    expect(parseWatchTag("tm-sentinel")).toEqual({ ok: true, value: { name: "tm-sentinel" } });
  });

  it("rejects a missing name", () => {
    expect(parseWatchTag("=watch").ok).toBe(false);
  });
});

describe("watchedSubscriptions", () => {
  it("lists each subscription once, case-insensitively", () => {
    const subs = watchedSubscriptions(
      entries(`/subscriptions/${SUB},${rawProfileId(SUB.toUpperCase(), "rg", "tm")}`),
    );

    expect(subs).toEqual([SUB]);
  });
});

describe("selectWatched", () => {
  const listed = [
    normalizeProfile(buildRawProfile({ subscriptionId: SUB, name: "prio" })),
    normalizeProfile(buildRawProfile({ subscriptionId: SUB, name: "weighted", routingMethod: "Weighted" })),
  ];

  it("selects a profile once even when a scope and an explicit ID both name it", () => {
    const { watched } = selectWatched(
      entries(`/subscriptions/${SUB},${rawProfileId(SUB, "rg-web", "prio")}`),
      undefined,
      listed,
    );

    expect(watched.map((p) => p.name)).toEqual(["prio"]);
  });

  it("keeps an explicitly named profile of another routing method", () => {
    const { watched } = selectWatched(entries(rawProfileId(SUB, "rg-web", "weighted")), undefined, listed);

    expect(watched.map((p) => p.name)).toEqual(["weighted"]);
  });

  it("reports explicitly named profiles the listing lacks as missing", () => {
    const { missing } = selectWatched(entries(rawProfileId(SUB, "rg-web", "gone")), undefined, listed);

    expect(missing.map((m) => m.key.profileName)).toEqual(["gone"]);
  });

  it("does not apply the tag filter to explicitly named profiles", () => {
    const { watched } = selectWatched(
      entries(rawProfileId(SUB, "rg-web", "prio")),
      { name: "watch" },
      listed,
    );

    expect(watched).toHaveLength(1);
  });
});
