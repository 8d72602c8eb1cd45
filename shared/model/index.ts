/** The plan's data model: schemas, ids, snapshot type, interchange JSON. Plain data only. */
export * from './ids';
export * from './entities';
export * from './defaults';
export * from './result';
export * from './problems';
export * from './snapshot';
export * from './planJson';
