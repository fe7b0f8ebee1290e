import { parseArgs } from "node:util";
import type { ServingBasis } from "../core/report.js";
import { UsageError } from "./io.js";

export const CHECK_USAGE = `Usage: tm-sentinel check --profile FILE [--desired FILE] [--no-probe] [--format text|json] [--basis B]

Audits an exported Traffic Manager profile (raw ARM JSON, the SDK's Profile, a list body, or the
{responses:{"200":{body}}} example envelope). FILE may also be a directory of *.json files.

  --profile FILE   the profile JSON to audit (required)
  --desired FILE   desired state JSON; applies to the first profile in --profile
  --no-probe       do not probe endpoints; the serving endpoint comes from the statuses in the file
  --format F       text (default) or json (one profile: the report object; several: an array)
  --basis B        traffic-manager | probes | both; default: probes when the file has no live
                   statuses (all CheckingEndpoint or absent), else traffic-manager
  -h, --help       show this help

Exit codes: 0 no findings at warning or above; 2 findings; 1 usage or input error.`;

const BASES = ["traffic-manager", "probes", "both"] as const;

export interface CheckArgs {
  help: boolean;
  profile: string;
  desired?: string;
  probe: boolean;
  format: "text" | "json";
  basis?: ServingBasis;
}

/** @throws UsageError naming the flag when the arguments are wrong */
export function parseCheckArgs(args: string[]): CheckArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        profile: { type: "string" },
        desired: { type: "string" },
        "no-probe": { type: "boolean", default: false },
        format: { type: "string", default: "text" },
        basis: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (e: unknown) {
    throw new UsageError(`${e instanceof Error ? e.message : String(e)}\n\n${CHECK_USAGE}`);
  }
  if (values["help"] === true) return { help: true, profile: "", probe: false, format: "text" };
  const profile = values["profile"];
  if (typeof profile !== "string" || profile === "") {
    throw new UsageError(`--profile FILE is required\n\n${CHECK_USAGE}`);
  }
  const format = values["format"];
  if (format !== "text" && format !== "json") {
    throw new UsageError(`--format must be text or json, got "${String(format)}"`);
  }
  const basis = values["basis"];
  if (basis !== undefined && !BASES.includes(basis as ServingBasis)) {
    throw new UsageError(`--basis must be one of ${BASES.join(", ")}, got "${String(basis)}"`);
  }
  const parsed: CheckArgs = { help: false, profile, probe: values["no-probe"] !== true, format };
  if (typeof values["desired"] === "string") parsed.desired = values["desired"];
  if (basis !== undefined) parsed.basis = basis as ServingBasis;
  return parsed;
}
