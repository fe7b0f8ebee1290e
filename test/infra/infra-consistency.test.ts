import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { settingNames } from "../../src/config/load-config.js";

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");

/** Keys of the app-setting objects between the markers in api.bicep (one `KEY: value` per line). */
function bicepAppSettings(): string[] {
  const text = read("infra/app/api.bicep");
  const block = /\/\/ app-settings:begin\n([\s\S]*?)\/\/ app-settings:end/.exec(text)?.[1] ?? "";
  return [...block.matchAll(/^\s+([A-Za-z_][A-Za-z0-9_]*)\s*:/gm)].map((m) => m[1]!);
}

/** Settings the host or the platform read, not our schema. */
const PLATFORM = /^(AzureWebJobsStorage__|APPLICATIONINSIGHTS_|FUNCTIONS_|WEBSITE_)/;

const optional = Object.keys(
  (JSON.parse(read("infra/optional-settings.json")) as { settings: Record<string, unknown> }).settings,
);

function findBicep(): string[] | undefined {
  if (spawnSync("bicep", ["--version"]).status === 0) return ["bicep"];
  if (spawnSync("az", ["bicep", "version"]).status === 0) return ["az", "bicep"];
  return undefined;
}
const bicep = findBicep();

describe("infra and code agree", () => {
  it("finds the app settings in api.bicep", () => {
    expect(bicepAppSettings()).toEqual(
      expect.arrayContaining(["TM_WATCH", "AUDIT_SCHEDULE", "AzureWebJobsStorage__credential"]),
    );
  });

  it("sets every setting the config schema reads in Bicep, or documents it as optional with a default", () => {
    const covered = new Set([...bicepAppSettings(), ...optional]);
    expect(settingNames().filter((name) => !covered.has(name))).toEqual([]);
  });

  it("sets no app setting in Bicep that the config schema does not read (platform settings aside)", () => {
    const read = new Set(settingNames());
    expect(bicepAppSettings().filter((name) => !PLATFORM.test(name) && !read.has(name))).toEqual([]);
  });

  it("documents no optional setting that the schema no longer reads or that Bicep already sets", () => {
    const names = new Set(settingNames());
    const inBicep = new Set(bicepAppSettings());
    expect(optional.filter((name) => !names.has(name) || inBicep.has(name))).toEqual([]);
  });

  it("maps every parameter in main.parameters.json to a parameter of main.bicep", () => {
    const declared = [...read("infra/main.bicep").matchAll(/^param (\w+)/gm)].map((m) => m[1]);
    const mapped = Object.keys(
      (JSON.parse(read("infra/main.parameters.json")) as { parameters: object }).parameters,
    );
    expect(mapped.filter((p) => !declared.includes(p))).toEqual([]);
    expect(mapped).toEqual(expect.arrayContaining(["environmentName", "location"]));
  });

  it("refers only to module files that exist", () => {
    const text = read("infra/main.bicep");
    const modules = [...text.matchAll(/^module \w+ '([^']+)'/gm)].map((m) => m[1]!);
    expect(modules.length).toBeGreaterThan(5);
    for (const m of modules) expect(existsSync(new URL(`../../infra/${m}`, import.meta.url)), m).toBe(true);
  });

  it("grants the watch role on every kind of TM_WATCH entry: subscription, resource group and profile", () => {
    const text = read("infra/main.bicep");
    // "/subscriptions/x" splits into 3 parts, a resource group into 5, a profile ID into 9.
    for (const parts of [3, 5, 9]) expect(text).toContain(`length(split(s, '/')) == ${String(parts)})`);
    expect(text).toMatch(/^module \w+ 'app\/watch-role-profile\.bicep'/m);
  });

  it("names the role deployments in watched scopes after this environment, so two environments never clash", () => {
    const text = read("infra/main.bicep");
    const names = [...text.matchAll(/^module \w+ 'app\/watch-role-[^']+' = \[[\s\S]*?name: '([^']+)'/gm)].map(
      (m) => m[1]!,
    );
    expect(names).toHaveLength(3);
    expect(names.filter((n) => !n.includes("${resourceToken}"))).toEqual([]);
  });

  it("keeps a Key Vault reference for a secret set by hand, since each provision replaces every app setting", () => {
    const vault = read("infra/app/keyvault.bicep");
    expect(vault).toMatch(/output teamsWebhookSecretUri string = teamsWebhookReferenced \?/);
    expect(vault).toMatch(/output smtpUrlSecretUri string = smtpUrlReferenced \?/);
    const main = read("infra/main.bicep");
    expect(main).toContain("teamsWebhookReferenced: !empty(teamsWebhookUrl) || teamsWebhookInVault");
    expect(main).toMatch(/var smtpConfigured = !empty\(smtpUrl\) \|\| smtpUrlInVault/);
    const mapped = (JSON.parse(read("infra/main.parameters.json")) as { parameters: Record<string, unknown> })
      .parameters;
    expect(Object.keys(mapped)).toEqual(expect.arrayContaining(["teamsWebhookInVault", "smtpUrlInVault"]));
  });

  it("names every output in UPPER_SNAKE_CASE", () => {
    const outputs = [...read("infra/main.bicep").matchAll(/^output (\w+)/gm)].map((m) => m[1]!);
    expect(outputs.filter((o) => !/^[A-Z][A-Z0-9_]*$/.test(o))).toEqual([]);
  });

  it("creates every queue the app settings name in the storage account, where the app's identity may use it", () => {
    const api = read("infra/app/api.bicep");
    const named = [...api.matchAll(/^\s+(AUDIT_QUEUE|DRILL_QUEUE):\s*'([^']+)'/gm)].map((m) => m[2]!);
    expect(named).toHaveLength(2);
    const created = /queueNames:\s*\[([^\]]*)\]/.exec(read("infra/main.bicep"))?.[1] ?? "";
    for (const queue of named) expect(created).toContain(`'${queue}'`);
    expect(read("infra/app/storage.bicep")).toMatch(/for queueName in queueNames/);
    expect(read("infra/app/rbac.bicep")).toMatch(/for role in \[[^\]]*roles\.storageQueueDataContributor/);
  });

  if (!bicep)
    console.log("infra: skipping the Bicep compile test: neither `bicep` nor `az bicep` is installed here");
  it.skipIf(!bicep)("compiles infra/main.bicep with the Bicep CLI", () => {
    const [cmd, ...args] = bicep!;
    const out = spawnSync(cmd!, [...args, "build", "infra/main.bicep", "--stdout"], { encoding: "utf8" });
    expect(out.stderr).not.toMatch(/Error BCP/);
    expect(out.status).toBe(0);
  });
});
