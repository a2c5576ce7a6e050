import { type ASTNode, type DocumentNode, Kind, visit } from 'graphql';

/**
 * PostgreSQL cannot store NUL (U+0000) in text (SQLSTATE 22021) or in jsonb (22P05); every other
 * character a JavaScript string can hold is stored (lone surrogates become U+FFFD on the way).
 */
const REFUSED = /\u0000/;

/**
 * Where the first argument text PostgreSQL would refuse sits: `$input.name` for a variable,
 * `argument name` for a literal in the document; null when there is none.
 */
export function refusedTextIn(
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
): string | null {
  const inVariables = findInValue(variables ?? {}, '$');
  if (inVariables) return inVariables;
  let found: string | null = null;
  visit(document, {
    StringValue(node, _key, parent, _path, ancestors) {
      if (found || !REFUSED.test(node.value)) return;
      found = `argument ${argumentPath([...ancestors, parent ?? []])}`;
    },
  });
  return found;
}

function findInValue(value: unknown, path: string): string | null {
  if (typeof value === 'string') return REFUSED.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findInValue(value[i], `${path}[${i}]`);
      if (hit) return hit;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      const hit = REFUSED.test(key) ? `${path}.${key}` : findInValue(v, joinPath(path, key));
      if (hit) return hit;
    }
  }
  return null;
}

function joinPath(path: string, key: string): string {
  return path === '$' ? `$${key}` : `${path}.${key}`;
}

/** `input.name` from the Argument and ObjectField nodes above a string literal. */
function argumentPath(ancestors: readonly (ASTNode | readonly ASTNode[])[]): string {
  const names: string[] = [];
  for (const a of ancestors) {
    if (Array.isArray(a)) continue;
    const node = a as ASTNode;
    if (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD) names.push(node.name.value);
  }
  return names.join('.') || '(a default value)';
}

export function refusedTextMessage(where: string): string {
  return `Text cannot contain the NUL character (U+0000); remove it from ${where}.`;
}
