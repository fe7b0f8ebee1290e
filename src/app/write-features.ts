/**
 * The setting that unlocks writes to Traffic Manager, named in every refusal so the operator knows
 * what to set (src/config/sections/write.ts reads it; a test keeps the two names equal).
 */
export const WRITE_FEATURES_SETTING = "TM_ENABLE_WRITE_FEATURES";
