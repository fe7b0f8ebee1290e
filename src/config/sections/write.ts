import { z } from "zod";
import { booleanSetting } from "./boolean-setting.js";

/**
 * Settings of the write area. Off by default: tm-sentinel only reads Traffic Manager unless an
 * operator opts in, which is also the only case in which infra/ grants Traffic Manager Contributor.
 */
export const writeSection = z
  .object({
    TM_ENABLE_WRITE_FEATURES: booleanSetting(false),
  })
  .transform((s) => ({
    /** True when tm-sentinel may PATCH profiles and endpoints. */
    enabled: s.TM_ENABLE_WRITE_FEATURES,
  }));

export type WriteConfig = z.output<typeof writeSection>;
