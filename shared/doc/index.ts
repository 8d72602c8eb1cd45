/** The plan document: the only module of Baton that touches Yjs. */
export { PlanDocument, type PlanDocumentOptions } from './planDocument';
export type { PlanCommands, NewNode, NodePatch, NewPersona, NewDependency, NewHandoff, NewSession, NewPhase, MetaPatch, Patch, NodeMove, PlanFragment } from './commands';
export { CURRENT_SCHEMA_VERSION, MIGRATIONS, schemaVersionOf } from './migrations';
export { loadPlanJson } from './planJsonLoader';
export { UNTITLED } from './snapshotBuilder';
export { REMOTE_ORIGIN, LOAD_ORIGIN, MIGRATION_ORIGIN, type Origin } from './origins';
export { persistLocally, deleteLocalPlan, planDatabaseName, type LocalPersistence } from './localPersistence';
export { PlanLibrary, type PlanSummary } from './planLibrary';
export { encodeBatonFile, decodeBatonFile, batonFileUpdate, damagedPlanData, looksLikeBatonFile, BATON_FILE_VERSION } from './batonFile';
export { isWellFormedUpdate, isWellFormedStateVector, encodeDocumentState } from './syncSupport';
export { connectPlan, CURSOR_INTERVAL_MS, type SyncConnection, type SyncStatus, type SyncTarget, type PeerPresence } from './syncConnection';
