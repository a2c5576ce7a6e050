import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '..');

/**
 * Where SQL may be sent other than through database/sql.ts: the helper itself, migrations (their
 * QueryRunner), the migration runner and generator, and the start-up reachability check (a bare
 * pg Client).
 */
const ALLOWED = [
  'database/sql.ts',
  'database/migrations/',
  'database/migrate.ts',
  'database/tools/',
  'bootstrap.ts',
];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    const test = /\.(int-)?spec\.ts$/.test(entry.name);
    return entry.name.endsWith('.ts') && !test ? [full] : [];
  });
}

describe('raw SQL', () => {
  it('goes through the typed helpers of database/sql.ts', () => {
    const direct = sources(SRC).flatMap((file) => {
      const relative = path.relative(SRC, file).split(path.sep).join('/');
      if (ALLOWED.some((allowed) => relative.startsWith(allowed))) return [];
      return readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (/\.query\s*[<(]/.test(line) ? [`${relative}:${i + 1}`] : []));
    });
    expect(direct).toEqual([]);
  });
});
