import type { z } from "zod";

/** T as JSON.stringify writes it: a property that may be undefined may be absent. */
export type Wire<T> = T extends readonly (infer U)[]
  ? Wire<U>[]
  : T extends object
    ? { [K in keyof T as undefined extends T[K] ? never : K]: Wire<T[K]> } & {
        [K in keyof T as undefined extends T[K] ? K : never]?: Wire<Exclude<T[K], undefined>>;
      }
    : T;

type SameKeys<A, B> = [Exclude<keyof A, keyof B> | Exclude<keyof B, keyof A>] extends [never] ? true : false;

/**
 * `true` when a wire schema and the type a handler serialises agree: every value of T is accepted
 * by the schema's type, the schema promises no value T lacks, and both name the same top-level
 * fields (assignability alone would not see an optional field missing on one side). Used as a
 * compile-time check next to each response schema, so neither side can change alone; the tests
 * that validate every response against the document check the rest at run time.
 */
export type Describes<S extends z.ZodType, T> = [Wire<T>] extends [z.output<S>]
  ? [z.output<S>] extends [Wire<T>]
    ? SameKeys<Wire<T>, z.output<S>>
    : false
  : false;
