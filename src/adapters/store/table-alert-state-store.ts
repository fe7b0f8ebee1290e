import type { AlertStateStore, ProfileAlertState } from "../../app/ports/alert-state-store.js";
import type { TableClientFactory } from "./table-client-factory.js";
import { tableStatus, upstream } from "./table-errors.js";
import { escapeKey, fromChunks, toChunks } from "./table-keys.js";

/** Alert state in the state table: PartitionKey = profile, RowKey `alerts`, JSON in chunks. */
const ROW = "alerts";

export class TableAlertStateStore implements AlertStateStore {
  constructor(
    private readonly tables: TableClientFactory,
    private readonly tableName: string,
  ) {}

  async load(profile: string): Promise<ProfileAlertState | undefined> {
    const client = await this.tables.client(this.tableName);
    try {
      const entity = await client.getEntity<Record<string, unknown>>(escapeKey(profile.toLowerCase()), ROW);
      const json = fromChunks("state", entity);
      return json === undefined ? undefined : (JSON.parse(json) as ProfileAlertState);
    } catch (e: unknown) {
      if (tableStatus(e) === 404) return undefined;
      throw upstream("read of alert state", e);
    }
  }

  async save(state: ProfileAlertState): Promise<void> {
    const client = await this.tables.client(this.tableName);
    const key = state.profile.toLowerCase();
    try {
      await client.upsertEntity(
        {
          partitionKey: escapeKey(key),
          rowKey: ROW,
          profile: key,
          ...toChunks("state", JSON.stringify(state)),
        },
        "Replace",
      );
    } catch (e: unknown) {
      throw upstream("write of alert state", e);
    }
  }
}
