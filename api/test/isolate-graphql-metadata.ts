// @nestjs/graphql keeps its type metadata on the process global. Under --runInBand every test
// file gets a fresh module registry but the same global, so the previous file's classes (bound
// to its own copy of graphql) would end up in this file's schema. Start each file clean.
const g = globalThis as Record<string, unknown>;
delete g['GqlTypeMetadataStorage'];
delete g['GqlLazyMetadataStorageHost'];
