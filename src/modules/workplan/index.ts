/** 工作要点: public interface of the module (see README.md). */
export { parseWorkPlan, type ParsedPlan, type ParsedGroup, type ParsedTask } from './parse.js';
export { resolveUnitPhrase, type Resolution, type AssignmentRole } from './resolve.js';
export { readTableFile, rowsFromText, rowsFromDocx, rowsFromXlsx, type TableRows } from './table.js';
export { dueDateOf, isOverdue, taskState, chinaToday, type AssignmentState } from './rules.js';
export { buildPreview, previewImport, importPlan, setTaskUnits, listPlans, getPlanView, type PlanPreview, type PlanView } from './plans.js';
export { reportProgress, reviewReport, listReports, type Report, type Evidence } from './progress.js';
export { workplanRoutes } from './routes.js';
