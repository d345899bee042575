/** 个人信息检测、脱敏、关联汇聚: public interface of the module (see README.md). */
export { findPersonalData, classifyCandidate, luhnValid, FINDING_KINDS, type FindingKind, type TextFinding } from './detect.js';
export { detectFileType, extractSegments, describePlace, type FileType, type Place, type Segment } from './extract.js';
export { scanBuffer, scanText, scanPaths, type Finding, type FileScan, type PathFinding } from './scan.js';
export { maskWorkbook, maskValue, ruleForHeader, type MaskRule, type MaskResult } from './mask.js';
export { findAggregationRisks, idSightings, combineSightings, type AggregationItem, type AggregationPair, type IdSighting } from './aggregate.js';
export { privacyRoutes } from './routes.js';
