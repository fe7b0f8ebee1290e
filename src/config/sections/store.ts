import { z } from "zod";

/** Settings of the store area. Keys are app-setting names exactly as in Azure. */
export const storeSection = z.object({}).transform(() => ({}));
