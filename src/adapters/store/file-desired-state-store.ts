import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { AppError, describeError } from "../../app/errors.js";
import type {
  ApplyRecord,
  DesiredStateChange,
  DesiredStateStore,
  StoredDesiredState,
} from "../../app/ports/desired-state-store.js";
import type { DesiredState } from "../../core/desired-state.js";

/**
 * Read-only desired state from a folder of `<subscriptionId>__<resourceGroup>__<profileName>.json`
 * files. The name splits unambiguously: subscription IDs are GUIDs and profile names have no `_`,
 * so the first `__` ends the subscription and the last `__` starts the profile name, whatever the
 * resource group holds. Files are re-read on every call so edits apply at the next audit.
 */
export const DESIRED_FILE_PATTERN = /^([^_]+)__(.+)__([^_]+)\.json$/i;

export function profileKeyOfDesiredFile(fileName: string): string | undefined {
  const m = DESIRED_FILE_PATTERN.exec(fileName);
  return m ? `${m[1]}/${m[2]}/${m[3]}`.toLowerCase() : undefined;
}

export function desiredFileName(profileKey: string): string {
  const [sub, rg, name] = profileKey.split("/");
  return `${sub}__${rg}__${name}.json`;
}

export class FileDesiredStateStore implements DesiredStateStore {
  constructor(
    private readonly dir: string,
    /** Validates a parsed document; throws AppError VALIDATION naming the problems. */
    private readonly validate: (raw: unknown) => DesiredState,
  ) {}

  async get(profile: string): Promise<StoredDesiredState | undefined> {
    const key = profile.toLowerCase();
    const files = await this.files();
    const file = files.find((f) => profileKeyOfDesiredFile(f) === key);
    return file === undefined ? undefined : this.read(key, file);
  }

  async list(): Promise<StoredDesiredState[]> {
    const out: StoredDesiredState[] = [];
    for (const file of await this.files()) {
      const key = profileKeyOfDesiredFile(file);
      if (key !== undefined) out.push(await this.read(key, file));
    }
    return out;
  }

  create(): Promise<StoredDesiredState> {
    return Promise.reject(this.readOnly());
  }

  replace(): Promise<StoredDesiredState> {
    return Promise.reject(this.readOnly());
  }

  delete(): Promise<void> {
    return Promise.reject(this.readOnly());
  }

  /** Files have no history here: the folder's own version control keeps it. */
  async history(): Promise<DesiredStateChange[]> {
    return Promise.resolve([]);
  }

  /** The folder is read-only: applied plans are kept in memory for this process only. */
  private readonly applied = new Map<string, ApplyRecord[]>();

  recordApply(profile: string, record: ApplyRecord): Promise<void> {
    const key = profile.toLowerCase();
    this.applied.set(key, [...(this.applied.get(key) ?? []), structuredClone(record)]);
    return Promise.resolve();
  }

  applies(profile: string): Promise<ApplyRecord[]> {
    return Promise.resolve(structuredClone(this.applied.get(profile.toLowerCase()) ?? []).reverse());
  }

  private readOnly(): AppError {
    return new AppError(
      "CONFLICT",
      `Desired state comes from the read-only folder DESIRED_STATE_DIR; edit the file there, or configure table storage to change it over HTTP.`,
    );
  }

  private async files(): Promise<string[]> {
    try {
      return (await readdir(this.dir)).filter((f) => DESIRED_FILE_PATTERN.test(f)).sort();
    } catch (e: unknown) {
      throw new AppError("CONFIG", `DESIRED_STATE_DIR cannot be read: ${describeError(e)}`, [], { cause: e });
    }
  }

  private async read(key: string, file: string): Promise<StoredDesiredState> {
    const path = join(this.dir, file);
    const [text, info] = await Promise.all([readFile(path, "utf8"), stat(path)]);
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e: unknown) {
      throw new AppError("CONFIG", `${file} in DESIRED_STATE_DIR is not valid JSON: ${describeError(e)}`);
    }
    let document: DesiredState;
    try {
      document = this.validate(raw);
    } catch (e: unknown) {
      throw new AppError(
        "CONFIG",
        `${file} in DESIRED_STATE_DIR is not a valid desired state: ${describeError(e)}`,
        e instanceof AppError ? e.errors : [],
      );
    }
    return {
      profile: key,
      document,
      etag: `"${createHash("sha256").update(text).digest("base64url").slice(0, 22)}"`,
      version: 1,
      updatedAt: info.mtime.toISOString(),
      updatedBy: `file:${file}`,
    };
  }
}
