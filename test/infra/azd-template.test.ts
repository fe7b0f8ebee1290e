import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// What azd and ARM need from the template, checked on the text (no Bicep compiler here; the
// compile test in infra-consistency.test.ts runs where `bicep` or `az bicep` exists).

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
const bicepFiles = [
  "infra/main.bicep",
  ...readdirSync(new URL("../../infra/app", import.meta.url)).map((f) => `infra/app/${f}`),
].filter((f) => f.endsWith(".bicep"));

/** The decorators written directly above `param <name>`. */
function decoratorsOf(text: string, param: string): string {
  const at = text.search(new RegExp(`^param ${param}\\b`, "m"));
  expect(at, `param ${param}`).toBeGreaterThan(-1);
  const before = text.slice(0, at).split("\n").reverse();
  const lines: string[] = [];
  for (const line of before.slice(1)) {
    if (!/^(@|\s+'|\]\)|\}\)|\s+\w+:|\s*\}|\/\/)/.test(line) || line.startsWith("param ")) break;
    lines.unshift(line);
  }
  return lines.join("\n");
}

describe("the azd template", () => {
  it("tags exactly one resource for azd, the function app itself", () => {
    const tagged = bicepFiles.flatMap((f) => [...read(f).matchAll(/'azd-service-name'/g)].map(() => f));
    expect(tagged).toEqual(["infra/app/api.bicep"]);
    const api = read("infra/app/api.bicep");
    expect(api).toMatch(
      /resource site 'Microsoft\.Web\/sites@[^']+' = \{\n\s+name: name\n\s+location: location\n\s+tags: union\(tags, \{ 'azd-service-name': serviceName \}\)/,
    );
    expect(read("infra/main.bicep")).toMatch(/serviceName: 'api'/);
  });

  it("builds locally and deploys the folder that npm run build writes", () => {
    const yaml = read("azure.yaml");
    expect(yaml).toMatch(/^ {4}remoteBuild: false$/m);
    expect(yaml).toMatch(/^ {4}dist: dist\/deploy$/m);
    const scripts = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts;
    // azd's Node service runs `build` for both build and package; a `package` script is never run.
    expect(scripts["build"]).toContain("scripts/package.mjs");
    expect(scripts["package"]).toBeUndefined();
  });

  it("creates the app settings (with their Key Vault references) only after the app's roles exist", () => {
    const main = read("infra/main.bicep");
    const api = /^module api 'app\/api\.bicep' = \{([\s\S]*?)^\}/m.exec(main)?.[1] ?? "";
    expect(api).toMatch(/dependsOn: \[rbac\]/);
    expect(read("infra/app/rbac.bicep")).toMatch(/resource vaultRole [\s\S]*?scope: vault/);
  });

  it("offers only Flex Consumption regions and bounds the instance count as Microsoft's quickstart does", () => {
    const main = read("infra/main.bicep");
    const regions = [...decoratorsOf(main, "location").matchAll(/^ {2}'([a-z0-9]+)'$/gm)].map((m) => m[1]);
    expect(regions.length).toBeGreaterThan(20);
    expect(regions).toEqual(expect.arrayContaining(["eastus", "westeurope", "swedencentral", "uksouth"]));
    expect(decoratorsOf(main, "maximumInstanceCount")).toMatch(/@minValue\(40\)\n@maxValue\(1000\)/);
  });

  it("puts no secure parameter into any output", () => {
    for (const file of bicepFiles) {
      const text = read(file);
      const secure = [...text.matchAll(/@secure\(\)\n(?:@[^\n]*\n)*param (\w+)/g)].map((m) => m[1]!);
      const outputs = [...text.matchAll(/^output .*$/gm)].map((m) => m[0]);
      for (const name of secure)
        expect(
          outputs.filter((o) => new RegExp(`\\b${name}\\b`).test(o)),
          `${file}: ${name}`,
        ).toEqual([]);
    }
  });

  it("adds scopes granted by hand to TM_WATCH without assigning a role on them", () => {
    const main = read("infra/main.bicep");
    expect(main).toMatch(/^param watchScopesGrantedByHand string = ''$/m);
    expect(main).toContain("watchScopes: concat(scopes, scopesGrantedByHand)");
    // Role assignments loop over the filtered `scopes` only.
    const roleModules = main.match(/^module watch\w+ [\s\S]*?^\]/gm) ?? [];
    expect(roleModules).toHaveLength(3);
    for (const m of roleModules) expect(m).not.toContain("scopesGrantedByHand");
    const mapped = (JSON.parse(read("infra/main.parameters.json")) as { parameters: Record<string, unknown> })
      .parameters;
    expect(mapped).toHaveProperty("watchScopesGrantedByHand");
  });

  it("fails the deployment for every e-mail setting combination the app refuses at start", () => {
    const main = read("infra/main.bicep");
    const failures = [...main.matchAll(/fail\('([^']+)'\)/g)].map((m) => m[1]!);
    // src/config/sections/alerts.ts: ACS and SMTP both; e-mail without recipients; without a sender.
    expect(failures.some((f) => f.includes("enableEmail") && f.includes("smtpUrl"))).toBe(true);
    expect(failures.some((f) => f.includes("ALERT_EMAIL_TO"))).toBe(true);
    expect(failures.some((f) => f.includes("ALERT_EMAIL_FROM"))).toBe(true);
    // The check is referenced, so ARM evaluates it.
    expect(main).toMatch(/emailTo: emailSettingsValid \?/);
  });

  it("states the exact permission the custom e-mail sender role needs next to the parameter", () => {
    const description = decoratorsOf(read("infra/main.bicep"), "enableEmail");
    expect(description).toContain("Microsoft.Authorization/roleDefinitions/write");
    expect(read("infra/app/rbac.bicep")).toMatch(/Microsoft\.Authorization\/roleDefinitions@/);
  });
});
