import { z } from "zod";
import type { StoredSilence } from "../../app/ports/silence-store.js";
import { FINDING_CODES } from "../../core/finding.js";
import type { Describes } from "./schema-check.js";

/**
 * The silence as GET/POST/DELETE /api/silences answer it (silence-response.ts: the stored silence
 * without its ETag, which goes in the ETag header). Requests use silenceInputSchema (core).
 */
export const silenceSchema = z
  .strictObject({
    id: z.string(),
    matchers: z.strictObject({
      profile: z.string().meta({ description: "Profile key, lower case, or *." }),
      endpoint: z.string().exactOptional(),
      codes: z.array(z.enum(FINDING_CODES)).exactOptional(),
    }),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    createdBy: z.string(),
    createdAt: z.iso.datetime(),
    comment: z.string(),
    expiredBy: z.string().exactOptional().meta({ description: "Who expired it early." }),
    updatedAt: z.iso.datetime().exactOptional().meta({ description: "Last change." }),
    state: z.enum(["pending", "active", "expired"]),
  })
  .meta({ description: "A silence (docs/silences.md)." });

export const silenceListSchema = z.strictObject({ silences: z.array(silenceSchema) });

const _checks: [Describes<typeof silenceSchema, Omit<StoredSilence, "etag">>] = [true];
