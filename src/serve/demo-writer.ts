import { readFile, rename, writeFile } from "node:fs/promises";
import { AppError } from "../app/errors.js";
import type {
  EndpointPatch,
  EndpointRef,
  ProfilePatch,
  TrafficManagerWriter,
} from "../app/ports/traffic-manager-writer.js";
import { endpointTypeFrom } from "../core/normalize-endpoint.js";
import { parseProfileKey } from "../core/profile-key.js";

interface RawEndpoint {
  name: string;
  type: string;
  properties: Record<string, unknown>;
}

interface RawProfile {
  id: string;
  properties: Record<string, unknown> & { endpoints: RawEndpoint[] };
}

/**
 * The `serve` demo's Traffic Manager: applies PATCHes to the exported profile file the live source
 * reads, with ARM's rules (priorities 1–1000 and unique, or the change is refused and nothing is
 * written), so plan → apply → audit can be tried locally. Writes are serialised and atomic
 * (temp file + rename), so a concurrent read never sees half a file.
 */
export class DemoTrafficManagerWriter implements TrafficManagerWriter {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly profileFile: string,
    private readonly profileKey: string,
    /** Whether the demo endpoint of this name answers its health probe; absent: statuses are left as written. */
    private readonly healthOf?: (endpointName: string) => boolean,
  ) {}

  /**
   * Sets an Enabled endpoint's monitor status from its health (Online or Degraded), as Traffic
   * Manager's probes would; a Disabled endpoint keeps Disabled.
   */
  followHealth(endpointName: string): Promise<void> {
    return this.change(this.profileKey, (profile) => {
      const endpoint = profile.properties.endpoints.find(
        (e) => e.name.toLowerCase() === endpointName.toLowerCase(),
      );
      if (endpoint && endpoint.properties["endpointStatus"] !== "Disabled")
        endpoint.properties["endpointMonitorStatus"] = this.monitorStatusOf(endpoint.name);
    });
  }

  private monitorStatusOf(name: string): string {
    if (!this.healthOf) return "CheckingEndpoint";
    return this.healthOf(name) ? "Online" : "Degraded";
  }

  updateEndpoint(profileKey: string, ref: EndpointRef, patch: EndpointPatch): Promise<void> {
    return this.change(profileKey, (profile) => {
      const endpoint = profile.properties.endpoints.find(
        (e) => e.name.toLowerCase() === ref.name.toLowerCase() && endpointTypeFrom(e.type) === ref.type,
      );
      if (!endpoint)
        throw new AppError("NOT_FOUND", `The demo profile has no ${ref.type} endpoint "${ref.name}".`);
      if (patch.priority !== undefined) {
        const p = patch.priority;
        if (!Number.isInteger(p) || p < 1 || p > 1000)
          throw new AppError("UNPROCESSABLE", `Priority ${String(p)} of "${ref.name}" must be 1–1000.`);
        const holder = profile.properties.endpoints.find(
          (e) => e !== endpoint && e.properties["priority"] === p,
        );
        if (holder)
          throw new AppError(
            "UNPROCESSABLE",
            `Endpoint "${ref.name}" cannot use priority ${String(p)}: "${holder.name}" already has it.`,
          );
      }
      const wasStatus = endpoint.properties["endpointStatus"];
      Object.assign(endpoint.properties, patch);
      if (patch.endpointStatus !== undefined && patch.endpointStatus !== wasStatus)
        endpoint.properties["endpointMonitorStatus"] =
          patch.endpointStatus === "Disabled" ? "Disabled" : this.monitorStatusOf(endpoint.name);
    });
  }

  updateProfile(profileKey: string, patch: ProfilePatch): Promise<void> {
    return this.change(profileKey, (profile) => {
      const props = profile.properties;
      if (patch.monitorConfig !== undefined)
        props["monitorConfig"] = { ...(props["monitorConfig"] as object), ...patch.monitorConfig };
      if (patch.ttl !== undefined) props["dnsConfig"] = { ...(props["dnsConfig"] as object), ttl: patch.ttl };
      if (patch.profileStatus !== undefined) props["profileStatus"] = patch.profileStatus;
    });
  }

  private change(profileKey: string, edit: (profile: RawProfile) => void): Promise<void> {
    const run = this.queue.then(async () => {
      const key = parseProfileKey(profileKey);
      if (!key || profileKey.toLowerCase() !== this.profileKey.toLowerCase())
        throw new AppError("NOT_FOUND", `The demo simulates only ${this.profileKey}, not ${profileKey}.`);
      const profile = JSON.parse(await readFile(this.profileFile, "utf8")) as RawProfile;
      edit(profile);
      const temp = `${this.profileFile}.tmp`;
      await writeFile(temp, JSON.stringify(profile, null, 2));
      await rename(temp, this.profileFile);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
