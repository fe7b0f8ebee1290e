import { z } from "zod";

/** Settings of the arm area. Keys are app-setting names exactly as in Azure. */
export const armSection = z.object({}).transform(() => ({}));
