/** Reflection evidence: what happened against what was planned, from the activity log and status broadcasts. */
export * from './baseline';
export * from './reflectionEvidence';
export { workingDaysBetweenTimes, whenMs } from './workingTime';
export type { AgentEvidence, IssueCount } from './agentMetrics';
export type { LogStats } from './activityLog';
export * from './retroBoard';
export * from './flowSeries';
