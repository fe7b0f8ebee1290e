import { adoptDesiredFunction } from "./adopt-desired.js";
import { auditNowFunction } from "./audit-now.js";
import { auditProfileFunction } from "./audit-profile.js";
import { auditTimerFunction } from "./audit-timer.js";
import type { FunctionDefinition } from "./definition.js";
import { getDesiredFunction } from "./get-desired.js";
import { getReportFunction } from "./get-report.js";
import { healthFunction } from "./health.js";
import { listProfilesFunction } from "./list-profiles.js";
import { openApiFunction } from "./openapi.js";
import { putDesiredFunction } from "./put-desired.js";
import { getStatusFunction } from "./get-status.js";
import { getProfileStatusFunction } from "./get-profile-status.js";
import { planProfileFunction } from "./plan-profile.js";
import { applyPlanFunction } from "./apply-plan.js";
import { postSilenceFunction } from "./post-silence.js";
import { listSilencesFunction } from "./list-silences.js";
import { getSilenceFunction } from "./get-silence.js";
import { expireSilenceFunction } from "./expire-silence.js";
import { startDrillFunction } from "./start-drill.js";
import { listDrillsFunction } from "./list-drills.js";
import { getDrillFunction } from "./get-drill.js";
import { drillStepFunction } from "./drill-step.js";
import { drillTimerFunction } from "./drill-timer.js";
import { getDesiredHistoryFunction } from "./get-desired-history.js";
import { deleteDesiredFunction } from "./delete-desired.js";

/** Every function of the app, in one list: src/index.ts registers it, `serve` and the tests use it. */
export const allFunctions: readonly FunctionDefinition[] = [
  healthFunction,
  listProfilesFunction,
  getDesiredFunction,
  putDesiredFunction,
  adoptDesiredFunction,
  getReportFunction,
  auditNowFunction,
  openApiFunction,
  auditTimerFunction,
  auditProfileFunction,
  getStatusFunction,
  getProfileStatusFunction,
  planProfileFunction,
  applyPlanFunction,
  postSilenceFunction,
  listSilencesFunction,
  getSilenceFunction,
  expireSilenceFunction,
  startDrillFunction,
  listDrillsFunction,
  getDrillFunction,
  drillStepFunction,
  drillTimerFunction,
  getDesiredHistoryFunction,
  deleteDesiredFunction,
];
