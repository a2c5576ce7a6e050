import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const MODULES = path.resolve(__dirname, '../modules');

/** Tables with no entity of their own, and the module that owns them. */
const OWNERS_WITHOUT_ENTITY: Record<string, string> = {
  // A highlight's quote and note as a tsvector (migration SearchLanguage).
  highlight_search: 'highlights',
};

interface Source {
  module: string;
  file: string;
  text: string;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    const test = /\.(int-)?spec\.ts$/.test(entry.name);
    return entry.name.endsWith('.ts') && !test ? [full] : [];
  });
}

function moduleSources(): Source[] {
  return readdirSync(MODULES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) =>
      sources(path.join(MODULES, entry.name)).map((file) => ({
        module: entry.name,
        file: path.relative(MODULES, file).split(path.sep).join('/'),
        text: readFileSync(file, 'utf8'),
      })),
    );
}

/** Table → owning module, and entity class → table, from the modules' `@Entity('table')` classes. */
function ownership(all: Source[]): { owner: Map<string, string>; tableOf: Map<string, string> } {
  const owner = new Map(Object.entries(OWNERS_WITHOUT_ENTITY));
  const tableOf = new Map<string, string>();
  for (const source of all) {
    for (const m of source.text.matchAll(/@Entity\('(\w+)'\)[^]*?export class (\w+)/g)) {
      owner.set(m[1]!, source.module);
      tableOf.set(m[2]!, m[1]!);
    }
  }
  return { owner, tableOf };
}

/** The tables a source writes: in SQL (INSERT INTO, UPDATE … SET, DELETE FROM) and through TypeORM. */
function writes(source: Source, tableOf: Map<string, string>): { table: string; line: number }[] {
  const found: { table: string; index: number }[] = [];
  const sql = [
    /\bINSERT\s+INTO\s+"?(\w+)"?/gi,
    /\bDELETE\s+FROM\s+"?(\w+)"?/gi,
    /\bUPDATE\s+"?(\w+)"?(?:\s+(?!SET\b)\w+)?\s+SET\b/gi,
  ];
  for (const pattern of sql)
    for (const m of source.text.matchAll(pattern))
      found.push({ table: m[1]!.toLowerCase(), index: m.index });
  const orm = [
    /\.(?:insert|update|delete|save|upsert|remove|softDelete)\(\s*(\w+Entity)\b/g,
    /\.(?:save|insert)\(\s*\w+\.create\(\s*(\w+Entity)\b/g,
    /getRepository\(\s*(\w+Entity)\s*\)\s*\.(?:insert|update|delete|save|upsert|remove)\(/g,
  ];
  for (const pattern of orm)
    for (const m of source.text.matchAll(pattern)) {
      const table = tableOf.get(m[1]!);
      if (table) found.push({ table, index: m.index });
    }
  return found.map(({ table, index }) => ({
    table,
    line: source.text.slice(0, index).split('\n').length,
  }));
}

describe('table ownership', () => {
  const all = moduleSources();
  const { owner, tableOf } = ownership(all);

  it('finds the writes it checks, in SQL and through TypeORM', () => {
    const tables = new Set(all.flatMap((source) => writes(source, tableOf)).map((w) => w.table));
    // Writes of each kind that exist, so that a pattern that stops matching fails here.
    for (const table of ['segment', 'highlight_tag', 'speaker_mapping', 'membership', 'workspace'])
      expect(tables.has(table)).toBe(true);
  });

  it('lets a module write only its own tables: it calls the owner otherwise', () => {
    const foreign = all.flatMap((source) =>
      writes(source, tableOf)
        .filter((w) => owner.get(w.table) !== source.module)
        .map(
          (w) => `${source.file}:${w.line} writes ${w.table} (${owner.get(w.table) ?? 'no owner'})`,
        ),
    );
    expect(foreign).toEqual([]);
  });
});
