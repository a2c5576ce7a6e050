import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const MIGRATIONS = path.join(__dirname, 'migrations');

/** Every .ts file under migrations/, relative to it. */
function files(dir = MIGRATIONS): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The modules a file imports (static imports, re-exports and require calls). */
function importsOf(source: string): string[] {
  const found = source.matchAll(
    /(?:\bfrom\s+|\bimport\s+|\brequire\(\s*|\bimport\(\s*)['"]([^'"]+)['"]/g,
  );
  return [...found].map((m) => m[1]!);
}

describe('migrations', () => {
  it('import nothing but TypeORM and each other, never application code', () => {
    const outside = files().flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .filter((spec) => {
          if (spec === 'typeorm') return false;
          if (!spec.startsWith('.')) return true;
          const target = path.resolve(path.dirname(file), spec);
          return !target.startsWith(MIGRATIONS + path.sep);
        })
        .map((spec) => `${path.relative(MIGRATIONS, file)} imports ${spec}`),
    );
    expect(outside).toEqual([]);
  });
});
