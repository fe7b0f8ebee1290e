import { validateSilenceInput } from "../../core/silences/silence-input.js";
import { EXPIRED_RETENTION_MS, silenceState, type Silence } from "../../core/silences/silence.js";
import { AppError } from "../errors.js";
import type { Clock } from "../ports/clock.js";
import {
  SilenceRecordConflict,
  type NewSilence,
  type SilenceChange,
  type SilenceListQuery,
  type SilenceRecord,
  type SilenceRecords,
  type SilenceStore,
  type StoredSilence,
} from "../ports/silence-store.js";

/** Re-reads after a lost race before giving up (each round means someone else's change landed). */
const MAX_ATTEMPTS = 10;

/**
 * The SilenceStore over any SilenceRecords: validation, states, and read-modify-write on the row's
 * ETag, retried on a lost race unless the caller pinned an ETag (then 412). So two concurrent
 * changes of one silence both land, in some order; neither overwrites the other unseen.
 */
export class SilenceBook implements SilenceStore {
  constructor(
    private readonly records: SilenceRecords,
    private readonly clock: Clock,
    private readonly newId: () => string = () => globalThis.crypto.randomUUID(),
  ) {}

  async create(input: NewSilence): Promise<StoredSilence> {
    const now = this.clock.now();
    const { createdBy: _by, ...fields } = input;
    const valid = validateSilenceInput(fields, now);
    if (!valid.ok)
      throw new AppError("VALIDATION", `The silence has ${valid.issues.length} problem(s).`, valid.issues);
    const at = now.toISOString();
    const silence: Silence = {
      ...valid.value,
      id: input.id ?? this.newId(),
      createdBy: input.createdBy,
      createdAt: at,
      updatedAt: at,
    };
    try {
      return this.stored(await this.records.insert(silence), now);
    } catch (e: unknown) {
      if (e instanceof SilenceRecordConflict)
        throw new AppError("CONFLICT", `A silence with id ${silence.id} already exists.`);
      throw e;
    }
  }

  async get(id: string): Promise<StoredSilence | undefined> {
    const record = await this.records.read(id);
    return record && this.stored(record, this.clock.now());
  }

  async list(query: SilenceListQuery): Promise<StoredSilence[]> {
    const since = query.state === "expired" ? query.at.getTime() - EXPIRED_RETENTION_MS : query.at.getTime();
    const rows = await this.records.endingAfter(new Date(since));
    return rows
      .map((r) => this.stored(r, query.at))
      .filter((s) => (query.state === "expired") === (s.state === "expired"))
      .sort((a, b) => Date.parse(b.startsAt) - Date.parse(a.startsAt) || a.id.localeCompare(b.id));
  }

  async active(at: Date): Promise<StoredSilence[]> {
    const rows = await this.records.endingAfter(at);
    return rows.map((r) => this.stored(r, at)).filter((s) => s.state === "active");
  }

  expire(id: string, at: Date, ifMatch?: string, by?: string): Promise<StoredSilence> {
    return this.change(id, ifMatch, (current) => {
      if (silenceState(current, at) === "expired") return undefined;
      const when = at.toISOString();
      return {
        ...current,
        // A silence that had not started yet ends before it began: it never matched anything.
        startsAt: Date.parse(current.startsAt) > at.getTime() ? when : current.startsAt,
        endsAt: when,
        ...(by !== undefined && { expiredBy: by }),
        updatedAt: this.clock.now().toISOString(),
      };
    });
  }

  update(id: string, change: SilenceChange, ifMatch?: string): Promise<StoredSilence> {
    return this.change(id, ifMatch, (current) => {
      const now = this.clock.now();
      if (silenceState(current, now) === "expired")
        throw new AppError("CONFLICT", `Silence ${id} has expired; create a new one instead.`);
      const merged = {
        matchers: change.matchers ?? current.matchers,
        startsAt: change.startsAt ?? current.startsAt,
        endsAt: change.endsAt ?? current.endsAt,
        comment: change.comment ?? current.comment,
      };
      const valid = validateSilenceInput(merged, now);
      if (!valid.ok)
        throw new AppError("VALIDATION", `The silence has ${valid.issues.length} problem(s).`, valid.issues);
      return { ...current, ...valid.value, id, updatedAt: now.toISOString() };
    });
  }

  /** Read, decide, conditional replace; on a lost race decide again on the fresh row. */
  private async change(
    id: string,
    ifMatch: string | undefined,
    decide: (current: Silence) => Silence | undefined,
  ): Promise<StoredSilence> {
    for (let attempt = 1; ; attempt += 1) {
      const record = await this.records.read(id);
      if (!record) throw new AppError("NOT_FOUND", `No silence with id ${id}.`);
      if (ifMatch !== undefined && ifMatch !== "*" && ifMatch !== record.etag) throw stale(id);
      const next = decide(record.silence);
      if (!next) return this.stored(record, this.clock.now());
      try {
        return this.stored(await this.records.replace(next, record.etag), this.clock.now());
      } catch (e: unknown) {
        if (!(e instanceof SilenceRecordConflict)) throw e;
        if ((ifMatch !== undefined && ifMatch !== "*") || attempt >= MAX_ATTEMPTS) throw stale(id);
      }
    }
  }

  private stored(record: SilenceRecord, at: Date): StoredSilence {
    return { ...record.silence, etag: record.etag, state: silenceState(record.silence, at) };
  }
}

function stale(id: string): AppError {
  return new AppError(
    "PRECONDITION_FAILED",
    `Silence ${id} has changed since it was read (stale ETag); GET it again and retry.`,
  );
}
