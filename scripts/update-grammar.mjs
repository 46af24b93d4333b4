// Copies the C grammar's wasm from the pinned tree-sitter-c package into grammars/
// and records where it came from, so the committed binary can be traced and rebuilt.
// Only the package's wasm is used, so package.json denies its native install script.
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const packageJson = require.resolve('tree-sitter-c/package.json');
const { version } = JSON.parse(readFileSync(packageJson, 'utf8'));
const source = join(dirname(packageJson), 'tree-sitter-c.wasm');
const target = join(root, 'grammars', 'tree-sitter-c.wasm');

copyFileSync(source, target);
const sha256 = createHash('sha256').update(readFileSync(target)).digest('hex');
const provenance = { package: 'tree-sitter-c', version, file: 'tree-sitter-c.wasm', sha256 };
writeFileSync(join(root, 'grammars', 'tree-sitter-c.json'), JSON.stringify(provenance, null, 2) + '\n');
console.log(`grammars/tree-sitter-c.wasm: tree-sitter-c ${version}, sha256 ${sha256}`);
