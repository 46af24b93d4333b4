// Runs the language server inside a real editor: headless Neovim with its
// built-in LSP client, driven by test/nvim/lsp_diagnostics.lua.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { casesDir, cliPath, repoRoot } from './helpers/paths.mjs';

// A hung editor is killed after this long. It bounds a hang and does not
// measure speed.
const NVIM_KILL_AFTER_MS = 180_000;

const nvimVersion = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const skipReason = nvimVersion.error || nvimVersion.status !== 0
    ? 'nvim not found on PATH (.ci/run installs it with apt-get)'
    : false;

/**
 * Opens CASE_NAME in headless Neovim with the pyfpcast server attached and
 * resolves to { code, stderr, diagnostics, lspLog }, where diagnostics are
 * Neovim's records (0-based lnum and col, severity 1 = error).
 */
function runNvim(caseName) {
    const scratch = mkdtempSync(path.join(tmpdir(), 'pyfpcast-nvim-'));
    const output = path.join(scratch, 'diagnostics.jsonl');

    // Neovim writes its logs under the XDG folders, so point them at the
    // scratch folder instead of the user's home.
    const env = {
        ...process.env,
        XDG_CONFIG_HOME: path.join(scratch, 'config'),
        XDG_CACHE_HOME: path.join(scratch, 'cache'),
        XDG_DATA_HOME: path.join(scratch, 'data'),
        XDG_STATE_HOME: path.join(scratch, 'state'),
        PYFPCAST_SERVER_CMD: JSON.stringify([process.execPath, cliPath, 'server', '--stdio']),
        PYFPCAST_CASE_FILE: path.join(casesDir, caseName),
        PYFPCAST_OUTPUT: output,
    };
    const args = ['--headless', '--clean', '-u', 'NONE', '-c', 'luafile test/nvim/lsp_diagnostics.lua'];

    return new Promise((resolve, reject) => {
        const child = spawn('nvim', args, { cwd: repoRoot, env, stdio: ['ignore', 'ignore', 'pipe'], timeout: NVIM_KILL_AFTER_MS });
        let stderr = '';
        child.stderr.setEncoding('utf8');
        child.stderr.on('data', (chunk) => {
            stderr += chunk;
        });
        child.on('error', reject);
        child.on('close', (code, signal) => {
            const diagnostics = existsSync(output)
                ? readFileSync(output, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line))
                : [];
            const lspLogPath = path.join(scratch, 'cache', 'nvim', 'lsp.log');
            const lspLog = existsSync(lspLogPath) ? readFileSync(lspLogPath, 'utf8') : '';
            rmSync(scratch, { recursive: true, force: true });
            resolve({ code, signal, stderr, diagnostics, lspLog });
        });
    });
}

function explain(result) {
    return `nvim exit ${result.code} (${result.signal ?? 'no signal'}); stderr:\n${result.stderr}\n` +
        `diagnostics: ${JSON.stringify(result.diagnostics)}\nlsp.log tail:\n${result.lspLog.slice(-3000)}`;
}

test('neovim shows noargs_self_only.c finding', { skip: skipReason }, async () => {
    const result = await runNvim('noargs_self_only.c');
    assert.equal(result.code, 0, explain(result));

    // Line 21 of the case (0-based 20) registers encoder_flush as METH_NOARGS.
    const finding = result.diagnostics.find((d) => d.code === 'method-signature' && d.lnum <= 20 && 20 <= d.end_lnum);
    assert.ok(finding, `method-signature on line 21; ${explain(result)}`);
    assert.equal(finding.severity, 1, 'error severity');
    assert.ok(finding.related_count >= 1, 'relatedInformation reaches Neovim');
});

test('neovim shows clean_module.c clean', { skip: skipReason }, async () => {
    const result = await runNvim('clean_module.c');
    assert.equal(result.code, 0, explain(result));

    const errorsAndWarnings = result.diagnostics.filter((d) => d.severity <= 2);
    assert.deepEqual(errorsAndWarnings, [], 'no errors or warnings');
});
