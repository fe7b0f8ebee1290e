import { AppError } from "../../app/errors.js";
import { DrillStoreConflict, type DrillStore, type StoredDrill } from "../../app/ports/drill-store.js";
import type { Drill } from "../../core/drill/drill.js";

/** DrillStore in memory (no storage configured: `check`, tests). Same lease rules as the table one. */
export class MemoryDrillStore implements DrillStore {
  private readonly drills = new Map<string, StoredDrill>();
  private readonly leases = new Map<string, string>();
  private version = 0;

  private key(profile: string, id: string): string {
    return `${profile.toLowerCase()}|${id}`;
  }

  private stamp(drill: Drill): StoredDrill {
    this.version += 1;
    const stored = { drill: structuredClone(drill), etag: String(this.version) };
    this.drills.set(this.key(drill.profile, drill.id), stored);
    return structuredClone(stored);
  }

  start(drill: Drill): Promise<StoredDrill> {
    const profile = drill.profile.toLowerCase();
    const holder = this.leases.get(profile);
    if (holder !== undefined)
      return Promise.reject(new AppError("CONFLICT", `Drill ${holder} is already running on ${profile}.`));
    this.leases.set(profile, drill.id);
    return Promise.resolve(this.stamp(drill));
  }

  get(profile: string, id: string): Promise<StoredDrill | undefined> {
    const stored = this.drills.get(this.key(profile, id));
    return Promise.resolve(stored ? structuredClone(stored) : undefined);
  }

  list(profile: string, limit: number): Promise<Drill[]> {
    const p = profile.toLowerCase();
    const mine = [...this.drills.values()].map((s) => s.drill).filter((d) => d.profile === p);
    mine.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
    return Promise.resolve(structuredClone(mine.slice(0, limit)));
  }

  async listMany(profiles: readonly string[], limit: number): Promise<Map<string, Drill[]>> {
    const out = new Map<string, Drill[]>();
    for (const p of profiles) out.set(p.toLowerCase(), await this.list(p, limit));
    return out;
  }

  save(drill: Drill, etag: string): Promise<StoredDrill> {
    const current = this.drills.get(this.key(drill.profile, drill.id));
    if (!current || current.etag !== etag)
      return Promise.reject(new DrillStoreConflict(`drill ${drill.id} changed meanwhile`));
    if (drill.phase === "done" && this.leases.get(drill.profile) === drill.id)
      this.leases.delete(drill.profile);
    return Promise.resolve(this.stamp(drill));
  }

  unfinished(): Promise<StoredDrill[]> {
    return Promise.resolve(
      [...this.leases.entries()].flatMap(([profile, id]) => {
        const stored = this.drills.get(this.key(profile, id));
        return stored ? [structuredClone(stored)] : [];
      }),
    );
  }
}
