import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run as runAudit } from "../../src/cli/audit-command.js";
import { run as runCheck } from "../../src/cli/check-command.js";
import type { CycleResult } from "../../src/app/run-audit.js";
import type { Report } from "../../src/core/report.js";

const EXAMPLE = join(import.meta.dirname, "../../examples/localhost-failover.json");

/** A loopback port nothing listens on: bound, read, released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function capture() {
  const out: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: () => undefined }, text: () => out.join("\n") };
}

const summary = (r: Report) => ({
  serving: r.servingEndpoint,
  basis: r.servingBasis,
  findings: r.findings.map((f) => `${f.code}:${f.severity}:${f.endpoint ?? ""}`).sort(),
});

describe("one default basis for check and audit --once (issue 10)", () => {
  it("gives the same findings and exit code for examples/localhost-failover.json with nothing listening", async () => {
    const dir = await mkdtemp(join(tmpdir(), "one-basis-"));
    const file = join(dir, "localhost-failover.json");
    const port = await closedPort();
    await writeFile(file, (await readFile(EXAMPLE, "utf8")).replaceAll('"port": 8081', `"port": ${port}`));

    const check = capture();
    const checkCode = await runCheck(["--profile", file, "--format", "json"], check.io);
    const audit = capture();
    const auditCode = await runAudit(["--once", "--format", "json"], audit.io, {
      LIVE_PROFILE_FILE: file,
      ALERT_CONSOLE: "false",
    });

    const fromCheck = summary(JSON.parse(check.text()) as Report);
    const fromAudit = summary((JSON.parse(audit.text()) as CycleResult).reports[0]!);
    expect(fromAudit).toEqual(fromCheck);
    expect(fromCheck.basis).toBe("probes");
    expect(auditCode).toBe(checkCode);
  });
});
