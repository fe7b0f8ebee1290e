import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { commands } from "../../src/cli/command-registry.js";
import "../../src/cli/commands.js";
import { settingNames } from "../../src/config/load-config.js";
import { FINDING_CODES } from "../../src/core/finding.js";

// The reference tables in docs/ mirror code. Each test reads every Markdown table whose header has
// the named column and compares that column's `names` with the code, so a setting, command or
// finding code added without its row fails here, naming what is missing (and a row left behind
// after a removal fails too).

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");

/** The cells of column `header` in every table of `markdown` that has it. */
function column(markdown: string, header: string): string[] {
  const cells: string[] = [];
  const split = (row: string) =>
    row
      .trim()
      .replace(/^\||\|$/g, "")
      .split(/(?<!\\)\|/)
      .map((c) => c.trim());
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length - 1; i++) {
    if (!lines[i]!.startsWith("|") || !/^\|[-| :]+\|$/.test(lines[i + 1]!.trim())) continue;
    const at = split(lines[i]!).indexOf(header);
    for (i += 2; i < lines.length && lines[i]!.startsWith("|"); i++)
      if (at >= 0) cells.push(split(lines[i]!)[at] ?? "");
  }
  return cells;
}

/** Backticked names in table cells, e.g. `TABLE_DESIRED`, `TABLE_REPORTS` → both. */
const codeSpans = (cells: string[]) => cells.flatMap((c) => [...c.matchAll(/`([^`]+)`/g)].map((m) => m[1]!));

const missingFrom = (documented: Iterable<string>, actual: readonly string[]) => {
  const set = new Set(documented);
  return actual.filter((a) => !set.has(a));
};

describe("docs/ reference tables agree with the code", () => {
  it("lists every setting the config schema reads in docs/configuration.md or docs/alerts.md", () => {
    const documented = codeSpans([
      ...column(read("docs/configuration.md"), "setting"),
      ...column(read("docs/alerts.md"), "setting"),
    ]).filter((n) => /^[A-Za-z][A-Za-z0-9_]*$/.test(n));
    expect(documented.length).toBeGreaterThan(30);
    expect(missingFrom(documented, settingNames()), "settings without a row").toEqual([]);
    // Platform settings the host reads (identity-based storage) may be listed as well.
    const stale = documented.filter(
      (n) => !settingNames().includes(n) && !n.startsWith("AzureWebJobsStorage__"),
    );
    expect(stale, "rows for settings the schema does not read").toEqual([]);
  });

  it("lists every CLI command in docs/cli.md", () => {
    const documented = column(read("docs/cli.md"), "command").flatMap(
      (c) => /^`tm-sentinel ([a-z-]+)/.exec(c)?.[1] ?? [],
    );
    expect(documented.length).toBeGreaterThanOrEqual(4);
    expect(missingFrom(documented, [...commands.keys()]), "commands without a row").toEqual([]);
    expect(missingFrom([...commands.keys()], documented), "rows for commands that do not exist").toEqual([]);
  });

  it("explains every finding code in docs/operate.md", () => {
    const documented = codeSpans(column(read("docs/operate.md"), "code")).filter((c) => /^[A-Z_]+$/.test(c));
    expect(documented.length).toBeGreaterThanOrEqual(FINDING_CODES.length);
    expect(missingFrom(documented, FINDING_CODES), "finding codes without a row").toEqual([]);
    expect(missingFrom(FINDING_CODES, documented), "rows for codes that do not exist").toEqual([]);
  });
});
