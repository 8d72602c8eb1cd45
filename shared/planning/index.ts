/** The planning engine: pure functions of a plan snapshot (no Yjs, React, clock or randomness). */
export * from './graph';
export * from './calendar';
export * from './criticalPath';
export * from './blocking';
export * from './load';
export * from './rollups';
export * from './matrix';
export * from './analysis';
export * from './layoutPlan';
export * from './reflection';
export * from './sessionPrefill';
export * from './sortedBy';
