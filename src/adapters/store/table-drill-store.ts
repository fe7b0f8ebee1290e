import { odata, type TableClient, type TransactionAction } from "@azure/data-tables";
import { AppError } from "../../app/errors.js";
import { DrillStoreConflict, type DrillStore, type StoredDrill } from "../../app/ports/drill-store.js";
import type { Drill } from "../../core/drill/drill.js";
import type { TableClientFactory } from "./table-client-factory.js";
import { tableStatus, upstream } from "./table-errors.js";
import { readPartitionsInRange } from "./table-batches.js";
import { escapeKey, fromChunks, toChunks } from "./table-keys.js";

/**
 * One partition per profile: a `d<id>` row per drill plus a `lease` row naming the unfinished
 * drill. Starting a drill inserts both in one transaction (the lease insert fails if a lease
 * exists); saving a finished drill replaces its row and deletes the lease in one transaction.
 */
const LEASE = "lease";
/** Drill rows are `d<id>`: every RowKey from `d` up to (not including) `e`. */
const DRILL_ROWS = odata`RowKey ge ${"d"} and RowKey lt ${"e"}`;

interface LeaseEntity {
  partitionKey: string;
  rowKey: string;
  drillId: string;
  profile: string;
  etag?: string;
}

export class TableDrillStore implements DrillStore {
  constructor(
    private readonly tables: TableClientFactory,
    private readonly tableName: string,
  ) {}

  private client(): Promise<TableClient> {
    return this.tables.client(this.tableName).catch((e: unknown) => {
      throw upstream(`opening table ${this.tableName}`, e);
    });
  }

  private entity(drill: Drill) {
    return {
      partitionKey: escapeKey(drill.profile.toLowerCase()),
      rowKey: `d${drill.id}`,
      profile: drill.profile.toLowerCase(),
      startedAt: drill.startedAt,
      phase: drill.phase,
      ...toChunks("drill", JSON.stringify(drill)),
    };
  }

  async start(drill: Drill): Promise<StoredDrill> {
    const client = await this.client();
    const partitionKey = escapeKey(drill.profile.toLowerCase());
    const actions: TransactionAction[] = [
      ["create", this.entity(drill)],
      ["create", { partitionKey, rowKey: LEASE, drillId: drill.id, profile: drill.profile.toLowerCase() }],
    ];
    try {
      await client.submitTransaction(actions);
    } catch (e: unknown) {
      if (tableStatus(e) === 409) {
        const holder = await this.leaseOf(client, partitionKey);
        throw new AppError(
          "CONFLICT",
          `Drill ${holder?.drillId ?? "(unknown)"} is already running on ${drill.profile}; wait for it to finish.`,
        );
      }
      throw upstream("start of the drill", e);
    }
    const stored = await this.get(drill.profile, drill.id);
    if (!stored) throw new AppError("UPSTREAM", `Drill ${drill.id} vanished right after it was stored.`);
    return stored;
  }

  async get(profile: string, id: string): Promise<StoredDrill | undefined> {
    const client = await this.client();
    try {
      const entity = await client.getEntity<Record<string, unknown>>(
        escapeKey(profile.toLowerCase()),
        `d${id}`,
      );
      const drill = toDrill(entity);
      return drill ? { drill, etag: String(entity.etag) } : undefined;
    } catch (e: unknown) {
      if (tableStatus(e) === 404) return undefined;
      throw upstream("read of the drill", e);
    }
  }

  async list(profile: string, limit: number): Promise<Drill[]> {
    return (await this.listMany([profile], limit)).get(profile.toLowerCase()) ?? [];
  }

  /** One query over the profiles' partitions (their drill rows; leases are left out). */
  async listMany(profiles: readonly string[], limit: number): Promise<Map<string, Drill[]>> {
    const client = await this.client();
    const keys = new Map(profiles.map((p) => [escapeKey(p.toLowerCase()), p.toLowerCase()]));
    let rows;
    try {
      rows = await readPartitionsInRange(client, [...keys.keys()], DRILL_ROWS);
    } catch (e: unknown) {
      throw upstream("list of drills", e);
    }
    const out = new Map<string, Drill[]>();
    for (const [partition, profile] of keys) {
      const drills = (rows.get(partition) ?? []).flatMap((row) => toDrill(row) ?? []);
      drills.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
      out.set(profile, drills.slice(0, limit));
    }
    return out;
  }

  async save(drill: Drill, etag: string): Promise<StoredDrill> {
    const client = await this.client();
    const partitionKey = escapeKey(drill.profile.toLowerCase());
    try {
      if (drill.phase === "done") {
        const lease = await this.leaseOf(client, partitionKey);
        const actions: TransactionAction[] = [["update", this.entity(drill), "Replace", { etag }]];
        if (lease?.drillId === drill.id) actions.push(["delete", { partitionKey, rowKey: LEASE }]);
        await client.submitTransaction(actions);
      } else {
        await client.updateEntity(this.entity(drill), "Replace", { etag });
      }
    } catch (e: unknown) {
      const status = tableStatus(e);
      if (status === 412 || status === 404 || status === 409)
        throw new DrillStoreConflict(`drill ${drill.id} changed meanwhile`);
      throw upstream("save of the drill", e);
    }
    const stored = await this.get(drill.profile, drill.id);
    if (!stored) throw new DrillStoreConflict(`drill ${drill.id} vanished`);
    return stored;
  }

  async unfinished(): Promise<StoredDrill[]> {
    const client = await this.client();
    const out: StoredDrill[] = [];
    try {
      const leases = client.listEntities<LeaseEntity>({
        queryOptions: { filter: odata`RowKey eq ${LEASE}` },
      });
      for await (const lease of leases) {
        const stored = await this.get(lease.profile, lease.drillId);
        if (stored) out.push(stored);
      }
    } catch (e: unknown) {
      if (e instanceof AppError) throw e;
      throw upstream("list of running drills", e);
    }
    return out;
  }

  private async leaseOf(client: TableClient, partitionKey: string): Promise<LeaseEntity | undefined> {
    try {
      return await client.getEntity<LeaseEntity>(partitionKey, LEASE);
    } catch (e: unknown) {
      if (tableStatus(e) === 404) return undefined;
      throw upstream("read of the drill lease", e);
    }
  }
}

function toDrill(entity: Record<string, unknown>): Drill | undefined {
  const text = fromChunks("drill", entity);
  return text === undefined ? undefined : (JSON.parse(text) as Drill);
}
