import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createStores } from "../../src/adapters/store/create-stores.js";
import type { Runtime } from "../../src/composition-root.js";
import { loadConfig } from "../../src/config/load-config.js";
import { adoptDesiredFunction } from "../../src/functions/adopt-desired.js";
import { deleteDesiredFunction } from "../../src/functions/delete-desired.js";
import { getDesiredFunction } from "../../src/functions/get-desired.js";
import { putDesiredFunction } from "../../src/functions/put-desired.js";
import { endpointsInOrder } from "../support/builders/audit-builders.js";
import { buildDesiredState } from "../support/builders/desired-builders.js";
import {
  aWatchedProfile,
  buildTableRuntime,
  profileParams,
  TEST_SUB,
} from "../support/builders/http-runtime.js";
import { invokeDocumented } from "../support/documented-invoke.js";

// With DESIRED_STATE_DIR the folder is the desired state and it is read-only over HTTP: every
// write answers 409 (documented for each write route) and the file stays as it was.
const KEY = `${TEST_SUB}/rg1/contoso`;
const path = `profiles/${KEY}/desired`;
let rt: Runtime;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tms-desired-dir-"));
  await writeFile(join(dir, `${TEST_SUB}__rg1__contoso.json`), JSON.stringify(buildDesiredState()));
  const { desired } = await createStores(loadConfig({ DESIRED_STATE_DIR: dir }));
  rt = await buildTableRuntime(
    [aWatchedProfile({ endpoints: endpointsInOrder("web-eastus", "web-westus") })],
    {
      desired,
    },
  );
});

const files = async () =>
  Promise.all((await readdir(dir)).map(async (f) => `${f}: ${await readFile(join(dir, f), "utf8")}`));

describe("desired-state writes with a read-only DESIRED_STATE_DIR", () => {
  it("serves the document from the folder", async () => {
    const res = await invokeDocumented(getDesiredFunction, rt, path, { params: profileParams(KEY) });
    expect(res.status).toBe(200);
  });

  it.each([
    [putDesiredFunction, "PUT", path, JSON.stringify(buildDesiredState({ ttl: 30 }))],
    [adoptDesiredFunction, "POST", `${path}/adopt`, undefined],
    [deleteDesiredFunction, "DELETE", path, undefined],
  ] as const)(
    "answers %s with 409 problem+json and leaves the folder as it was",
    async (def, method, at, body) => {
      const before = await files();
      const res = await invokeDocumented(def, rt, at, {
        method,
        params: profileParams(KEY),
        headers: { "content-type": "application/json", "if-match": "*" },
        ...(body !== undefined ? { body } : {}),
      });
      expect([res.status, res.header("content-type")]).toEqual([409, "application/problem+json"]);
      expect(JSON.stringify(res.json())).toContain("DESIRED_STATE_DIR");
      expect(await files()).toEqual(before);
    },
  );
});
