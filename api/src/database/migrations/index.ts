import { Init1795610054285 } from './1795610054285-Init';

/** Every migration, in order. Committed migrations are never edited; add new ones here. */
export const MIGRATIONS = [Init1795610054285];
