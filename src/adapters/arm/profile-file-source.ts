import { readdir, readFile, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { AppError, describeError } from "../../app/errors.js";
import type { LiveProfileSource, LiveSnapshot, ReadFailure } from "../../app/ports/live-profile-source.js";
import { normalizeProfiles } from "../../core/normalize-profile.js";
import type { LiveProfile, ProfileKey } from "../../core/profile.js";
import { formatProfileKey } from "../../core/profile-key.js";

/**
 * Live profiles from exported JSON: one file, or every `*.json` in a directory except
 * `*.desired.json` (so an examples folder holding desired documents next to profiles works).
 * Each file may hold any shape normalizeProfiles accepts. Files are re-read on every call, so the
 * `serve` demo picks up edits. A file that is not a profile becomes a `malformed` ReadFailure
 * naming the file and the JSON path; a path that does not exist is a CONFIG error.
 */
export class ProfileFileSource implements LiveProfileSource {
  constructor(private readonly pathOrDir: string) {}

  async readWatched(): Promise<LiveSnapshot> {
    const { profiles, failures } = await this.load();
    return { profiles, related: relatedOf(profiles), failures };
  }

  async readProfiles(keys: ProfileKey[]): Promise<LiveSnapshot> {
    const { profiles, failures } = await this.load();
    const byKey = new Map(profiles.map((p) => [formatProfileKey(p.key), p]));
    const wanted: LiveProfile[] = [];
    for (const key of keys.map(formatProfileKey)) {
      const profile = byKey.get(key);
      if (profile) wanted.push(profile);
      else if (failures.length === 0) {
        failures.push({
          scope: key,
          profiles: [key],
          reason: "not-found",
          message: `Profile ${key} is not in ${this.pathOrDir}.`,
        });
      } else {
        // A broken file may be the one that held it: report the profile with the files' problems.
        for (const f of failures) if (!f.profiles.includes(key)) f.profiles.push(key);
      }
    }
    return { profiles: wanted, related: relatedOf(profiles), failures };
  }

  private async load(): Promise<{ profiles: LiveProfile[]; failures: ReadFailure[] }> {
    const files = await this.files();
    const profiles: LiveProfile[] = [];
    const failures: ReadFailure[] = [];
    for (const file of files) {
      try {
        profiles.push(...normalizeProfiles(JSON.parse(await readFile(file, "utf8")) as unknown));
      } catch (e: unknown) {
        const why = e instanceof SyntaxError ? `not valid JSON (${e.message})` : describeError(e);
        failures.push({ scope: file, profiles: [], reason: "malformed", message: `${file}: ${why}` });
      }
    }
    return { profiles, failures };
  }

  private async files(): Promise<string[]> {
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(this.pathOrDir)).isDirectory();
    } catch (e: unknown) {
      throw new AppError("CONFIG", `cannot read profile file ${this.pathOrDir}: ${describeError(e)}`, [], {
        cause: e,
      });
    }
    if (!isDirectory) return [this.pathOrDir];
    const names = (await readdir(this.pathOrDir))
      .filter((n) => n.toLowerCase().endsWith(".json") && !n.toLowerCase().endsWith(".desired.json"))
      .sort();
    return names.map((n) => join(this.pathOrDir, basename(n)));
  }
}

function relatedOf(profiles: readonly LiveProfile[]): Map<string, LiveProfile> {
  return new Map(profiles.map((p) => [p.id.toLowerCase(), p]));
}
