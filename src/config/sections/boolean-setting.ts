import { z } from "zod";

/**
 * An on/off app setting. Azure's portal and `az` write "true"/"false", people write "1" or "yes":
 * accept those, refuse anything else by name instead of reading a typo as "off".
 */
export const booleanSetting = (fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return fallback;
      const s = v.trim().toLowerCase();
      if (["true", "1", "yes"].includes(s)) return true;
      if (["false", "0", "no"].includes(s)) return false;
      ctx.addIssue({ code: "custom", message: "must be true or false" });
      return z.NEVER;
    });
