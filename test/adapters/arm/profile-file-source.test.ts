import { copyFile, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ProfileFileSource } from "../../../src/adapters/arm/profile-file-source.js";
import { AppError } from "../../../src/app/errors.js";

const ROOT = join(import.meta.dirname, "../../..");
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tm-files-"));
  await copyFile(join(ROOT, "examples/contoso-failover.json"), join(dir, "contoso.json"));
  await copyFile(join(ROOT, "examples/contoso-failover.desired.json"), join(dir, "contoso.desired.json"));
  await copyFile(
    join(ROOT, "test/fixtures/arm-examples/Profile-GET-ByResourceGroup.json"),
    join(dir, "list.json"),
  );
});

describe("ProfileFileSource", () => {
  it("reads every profile of every *.json in a directory, skipping *.desired.json", async () => {
    const snapshot = await new ProfileFileSource(dir).readWatched();
    expect(snapshot.failures).toEqual([]);
    expect(snapshot.profiles.map((p) => p.name)).toEqual([
      "contoso-failover",
      "azuresdkfornetautoresttrafficmanager1005",
      "azuresdkfornetautoresttrafficmanager959",
    ]);
  });

  it("indexes every profile read by lower-case ARM ID for nested lookups", async () => {
    const snapshot = await new ProfileFileSource(join(dir, "contoso.json")).readWatched();
    const id = snapshot.profiles[0]!.id.toLowerCase();
    expect(snapshot.related.get(id)?.name).toBe("contoso-failover");
  });

  it("returns only the requested profiles", async () => {
    const source = new ProfileFileSource(dir);
    const key = {
      subscriptionId: "6F1C2B7E-3A4D-4E8F-9B10-2C3D4E5F6A7B",
      resourceGroup: "rg-contoso-web",
      profileName: "contoso-failover",
    };
    const snapshot = await source.readProfiles([key]);
    expect(snapshot.profiles.map((p) => p.name)).toEqual(["contoso-failover"]);
  });

  it("reports a requested profile that is not in the files as not-found", async () => {
    const snapshot = await new ProfileFileSource(dir).readProfiles([
      { subscriptionId: "s", resourceGroup: "r", profileName: "gone" },
    ]);
    expect(snapshot.failures).toEqual([
      expect.objectContaining({ profiles: ["s/r/gone"], reason: "not-found" }),
    ]);
  });

  it("turns a file that is not a profile into a malformed failure naming file and path", async () => {
    const bad = join(dir, "..", `bad-${Date.now()}.json`);
    await writeFile(bad, JSON.stringify({ name: "x", properties: { endpoints: {} } }));
    const snapshot = await new ProfileFileSource(bad).readWatched();
    expect(snapshot.failures.map((f) => f.reason)).toEqual(["malformed"]);
    expect(snapshot.failures[0]?.message).toContain("$.properties.endpoints: expected an array");
  });

  it("turns invalid JSON into a malformed failure", async () => {
    const bad = join(dir, "..", `broken-${Date.now()}.json`);
    await writeFile(bad, "{ not json");
    const snapshot = await new ProfileFileSource(bad).readWatched();
    expect(snapshot.failures[0]?.message).toContain("not valid JSON");
  });

  it("fails with a CONFIG error when the path does not exist", async () => {
    await expect(new ProfileFileSource(join(dir, "missing.json")).readWatched()).rejects.toBeInstanceOf(
      AppError,
    );
  });
});
