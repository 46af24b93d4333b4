import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const GRAMMAR_FILE = 'tree-sitter-c.wasm';

/**
 * Finds the C grammar's wasm. The repository keeps it in grammars/ at the top;
 * the VS Code bundle keeps it in dist/grammars/ beside the bundled server.
 */
export function locateGrammar(fromDirectory: string = __dirname): string {
  const candidates = [
    join(fromDirectory, 'grammars', GRAMMAR_FILE),
    join(fromDirectory, '..', 'grammars', GRAMMAR_FILE),
    join(fromDirectory, '..', '..', 'grammars', GRAMMAR_FILE),
    join(fromDirectory, '..', '..', '..', 'grammars', GRAMMAR_FILE),
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (found === undefined) {
    throw new Error(
      `The C grammar ${GRAMMAR_FILE} was not found; looked in:\n  ${candidates.join('\n  ')}\n` +
        'Reinstall pyfpcast, or run `node scripts/update-grammar.mjs` in a checkout.',
    );
  }
  return found;
}
