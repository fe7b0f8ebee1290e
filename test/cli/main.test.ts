import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";

describe("tm-sentinel main (issue 10)", () => {
  it("answers an unknown-command error for a name such as constructor", async () => {
    const err: string[] = [];
    const code = await main(["constructor"], { out: () => undefined, err: (s) => err.push(s) });
    expect(code).toBe(1);
    expect(err.join("\n")).toContain('unknown command "constructor"');
  });
});
