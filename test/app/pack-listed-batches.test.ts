import { describe, expect, it } from "vitest";
import { parseAuditMessage, profilesOf } from "../../src/app/fan-out/audit-message.js";
import { packListedBatches } from "../../src/app/fan-out/pack-listed-batches.js";
import { formatProfileKey } from "../../src/core/profile-key.js";
import type { ListedAuditBatch } from "../../src/app/ports/audit-queue.js";
import { encodeMessage } from "../../src/adapters/queue/storage-audit-queue.js";
import { anEndpoint, aProfile } from "../support/builders/audit-builders.js";
import { anEstate } from "../support/builders/fanout-runtime.js";

const base = { cycleId: "c1", cycleStartedAt: "2026-11-25T10:00:00.000Z" };

describe("packListedBatches", () => {
  it("packs 1,000 listed profiles into messages under the 64 KiB queue limit, each profile once", () => {
    const profiles = anEstate(1000, 10);
    const messages = packListedBatches({
      ...base,
      snapshot: { profiles, related: new Map(), failures: [] },
      desired: new Map(),
    });
    expect(messages.length).toBeLessThan(100);
    for (const m of messages) expect(encodeMessage(m).length).toBeLessThanOrEqual(65_536);
    const keys = messages.flatMap((m) => profilesOf(m));
    expect(new Set(keys).size).toBe(1000);
    expect(keys).toHaveLength(1000);
    // What the queue trigger gets back parses as the same batch.
    const parsed = parseAuditMessage(JSON.parse(JSON.stringify(messages[0])));
    expect(parsed.ok && "v" in parsed.message && parsed.message.profiles).toEqual(
      (messages[0] as ListedAuditBatch).profiles,
    );
  });

  it("carries the nested children a profile needs and only the failures naming its own profiles", () => {
    const childId =
      "/subscriptions/other/resourceGroups/rg/providers/Microsoft.Network/trafficManagerProfiles/child";
    const child = aProfile({
      id: childId,
      name: "child",
      key: { subscriptionId: "other", resourceGroup: "rg", profileName: "child" },
    });
    const parent = aProfile({
      endpoints: [anEndpoint({ name: "n", type: "NestedEndpoints", targetResourceId: childId })],
    });
    const parentKey = formatProfileKey(parent.key);
    const [message] = packListedBatches({
      ...base,
      snapshot: {
        profiles: [parent],
        related: new Map([[childId.toLowerCase(), child]]),
        failures: [
          {
            scope: "other/rg/child",
            profiles: [parentKey, "sub9/rg/elsewhere"],
            reason: "timeout",
            message: "m",
          },
        ],
      },
      desired: undefined,
    });
    const batch = message as ListedAuditBatch;
    expect(batch.related.map((p) => p.name)).toEqual(["child"]);
    expect(batch.desired).toBeUndefined();
    expect(batch.failures).toEqual([
      { scope: "other/rg/child", profiles: [parentKey], reason: "timeout", message: "m" },
    ]);
  });

  it("sends a profile too large for any message in the old one-profile format", () => {
    const [big] = anEstate(1);
    const messages = packListedBatches({
      ...base,
      snapshot: { profiles: [big!], related: new Map(), failures: [] },
      desired: undefined,
      maxBytes: 200,
    });
    expect(messages).toEqual([{ ...base, profile: "sub0/rg1/p0000" }]);
  });
});
