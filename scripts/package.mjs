// Builds the VS Code extension package: bundles the client and the language
// server with esbuild, copies the WebAssembly files the server loads at run
// time next to the bundle, and runs vsce. Needs no network access.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const clientDir = join(root, 'client');
const distDir = join(clientDir, 'dist');
// require.resolve uses the package's `require` export, which is its CommonJS
// build.
const webTreeSitterCjs = require.resolve('web-tree-sitter');
const webTreeSitterWasm = require.resolve('web-tree-sitter/tree-sitter.wasm');

// VS Code 1.82, the oldest version the extension supports, runs extensions on
// Electron 25, which embeds Node.js 18.15.
const commonOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  logLevel: 'warning',
};

async function bundleClient() {
  await build({
    ...commonOptions,
    entryPoints: [join(clientDir, 'src', 'extension.ts')],
    outfile: join(distDir, 'extension.js'),
    external: ['vscode'],
  });
}

async function bundleServer() {
  await build({
    ...commonOptions,
    entryPoints: [join(root, 'scripts', 'server-entry.ts')],
    outfile: join(distDir, 'server.js'),
    // esbuild resolves `import ... from 'web-tree-sitter'` to the package's ESM
    // build, which reads import.meta.url and crashes once bundled as CommonJS.
    // The CommonJS build finds tree-sitter.wasm through __dirname instead,
    // which is dist/ after bundling.
    alias: { 'web-tree-sitter': webTreeSitterCjs },
  });
}

// `pyfpcast lint` runs large inputs in worker threads, loading worker.js from
// the folder of the running script.
async function bundleWorker() {
  await build({
    ...commonOptions,
    entryPoints: [join(root, 'server', 'src', 'cli', 'worker.ts')],
    outfile: join(distDir, 'worker.js'),
    alias: { 'web-tree-sitter': webTreeSitterCjs },
  });
}

// The server looks for grammars/ next to the running script, and
// web-tree-sitter looks for its runtime tree-sitter.wasm in the same folder.
function copyWasmFiles() {
  const grammarsDir = join(distDir, 'grammars');
  mkdirSync(grammarsDir, { recursive: true });
  for (const file of ['tree-sitter-c.wasm', 'tree-sitter-c.json']) {
    copyFileSync(join(root, 'grammars', file), join(grammarsDir, file));
  }

  copyFileSync(webTreeSitterWasm, join(distDir, 'tree-sitter.wasm'));
}

// Diagnostics link each rule to its page, which the server looks for in dist/docs/rules/.
function copyRuleDocs() {
  const docsDir = join(distDir, 'docs', 'rules');
  mkdirSync(docsDir, { recursive: true });
  for (const file of readdirSync(join(root, 'docs', 'rules'))) {
    copyFileSync(join(root, 'docs', 'rules', file), join(docsDir, file));
  }
}

// Everything the extension runs is bundled into dist/, so vsce skips the
// dependency scan (--no-dependencies). The manifest has no repository URL, and
// without --allow-missing-repository vsce 3.9 prompts for confirmation
// whenever its output goes to a terminal.
function runVsce(vsixPath) {
  const vsceDir = dirname(require.resolve('@vscode/vsce/package.json'));
  const vsce = join(vsceDir, 'vsce');
  const args = [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', vsixPath];
  try {
    execFileSync(process.execPath, args, { cwd: clientDir, stdio: ['ignore', 'inherit', 'inherit'] });
  } catch (error) {
    console.error(`vsce failed with exit code ${error.status}. Its error messages are printed above.`);
    process.exit(1);
  }
}

const manifest = JSON.parse(readFileSync(join(clientDir, 'package.json'), 'utf8'));
const vsixPath = join(clientDir, `${manifest.name}-${manifest.version}.vsix`);

rmSync(distDir, { recursive: true, force: true });
await bundleClient();
await bundleServer();
await bundleWorker();
copyWasmFiles();
copyRuleDocs();
runVsce(vsixPath);

console.log(`Packaged ${vsixPath}`);
