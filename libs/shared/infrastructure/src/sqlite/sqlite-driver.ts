import type BetterSqlite3 from 'better-sqlite3';

/**
 * Which build of better-sqlite3 this Node runs. 12.x (an ABI-specific addon, compiled here for
 * Node 20) trips Node 24's `RemoveEnvironmentCleanupHook` assertion when the garbage collector
 * finalizes a Database or Statement outside Node's own context (a Jest sandbox, process teardown);
 * 13.x (node-addon-api, prebuilt in the package) fixes that but requires Node 22 and crashes on 20.
 * Both builds have the same API, so the store runs on each with the build that works there.
 */
const nodeMajor = Number(process.versions.node.split('.')[0]);

export const SQLITE_DRIVER_PACKAGE = nodeMajor >= 22 ? 'better-sqlite3-napi' : 'better-sqlite3';

export const Database: typeof BetterSqlite3 = require(SQLITE_DRIVER_PACKAGE);
export type Database = BetterSqlite3.Database;
