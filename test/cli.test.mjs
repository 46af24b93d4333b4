// The command-line contract: exit codes, usage errors and options.

import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';

import { lintJson, runCli } from './helpers/cli.mjs';
import { casesDir, repoRoot } from './helpers/paths.mjs';

const casePath = (name) => path.relative(repoRoot, path.join(casesDir, name));

const coversLine = (diagnostic, line) => diagnostic.line <= line && line <= diagnostic.endLine;

test('missing path exits 2 naming it', async () => {
    const missing = casePath('no_such_file.c');

    const result = await runCli(['lint', '--format', 'json', missing]);

    assert.equal(result.code, 2, `exit code; stderr:\n${result.stderr}`);
    assert.ok(result.stderr.includes(missing), `stderr names ${missing}: ${result.stderr}`);
});

test('file keeps the argument form', async () => {
    const cases = [
        { cwd: repoRoot, argument: casePath('noargs_self_only.c') },
        { cwd: casesDir, argument: 'noargs_self_only.c' },
        { cwd: repoRoot, argument: path.join(casesDir, 'noargs_self_only.c') },
        { cwd: casesDir, argument: path.join(casesDir, 'noargs_self_only.c') },
    ];

    const reported = [];
    for (const { cwd, argument } of cases) {
        const { report } = await lintJson([argument], { cwd });
        reported.push({ cwd, argument, files: [...new Set(report.diagnostics.map((d) => d.file))] });
    }

    const expected = cases.map(({ cwd, argument }) => ({ cwd, argument, files: [argument] }));
    assert.deepEqual(reported, expected, 'file of each diagnostic, per argument and working folder');
});

test('unknown option exits 2', async () => {
    const result = await runCli(['lint', '--no-such-option', casePath('clean_module.c')]);

    assert.equal(result.code, 2, `exit code; stderr:\n${result.stderr}`);
    assert.notEqual(result.stderr.trim(), '', 'stderr explains the usage error');
});

test('invalid target exits 2', async () => {
    const result = await runCli(['lint', '--target', 'x86', casePath('clean_module.c')]);

    assert.equal(result.code, 2, `exit code; stderr:\n${result.stderr}`);
    assert.ok(result.stderr.includes('x86'), `stderr names the value: ${result.stderr}`);
});

test('several paths lint in one run', async () => {
    const paths = [casePath('clean_module.c'), casePath('init_with_spec.c')];

    const { code, report } = await lintJson(paths);

    assert.equal(code, 1, 'exit code');
    assert.equal(report.summary.files, 2, 'summary.files');
    const files = [...new Set(report.diagnostics.map((d) => path.resolve(repoRoot, d.file)))];
    assert.deepEqual(files, [path.resolve(repoRoot, paths[1])], 'only init_with_spec.c has findings');
});

test('clean file exits 0 in text format', async () => {
    const result = await runCli(['lint', '--format', 'text', casePath('clean_module.c')]);

    assert.equal(result.code, 0, `exit code; stderr:\n${result.stderr}`);
});

test('text format names file, line and rule', async () => {
    const file = casePath('noargs_self_only.c');

    const result = await runCli(['lint', file]);

    assert.equal(result.code, 1, `exit code; stderr:\n${result.stderr}`);
    assert.ok(result.stdout.includes('noargs_self_only.c:21'), `stdout names noargs_self_only.c:21:\n${result.stdout}`);
    assert.ok(result.stdout.includes('method-signature'), `stdout names the rule:\n${result.stdout}`);
});

test('related points at the definition', async () => {
    const file = casePath('noargs_self_only.c');

    const { report } = await lintJson([file]);

    // encoder_flush is defined on lines 8 (`static PyObject *`) and 9.
    const finding = report.diagnostics.find((d) => d.rule === 'method-signature' && coversLine(d, 21));
    assert.ok(finding, 'method-signature on line 21');
    assert.ok(
        finding.related.some(
            (related) => path.resolve(repoRoot, related.file) === path.resolve(repoRoot, file) &&
                (related.line === 8 || related.line === 9),
        ),
        `related entry at line 8 or 9; got ${JSON.stringify(finding.related)}`,
    );
});

test('wasm64 target is accepted', async () => {
    const { code, report } = await lintJson([casePath('noargs_self_only.c')], { target: 'wasm64' });

    assert.equal(code, 1, 'exit code');
    assert.ok(report.diagnostics.some((d) => d.rule === 'method-signature' && coversLine(d, 21)), 'finding on line 21');
});

test('strict turns type hints into warnings', async () => {
    const file = path.join('test', 'fixtures', 'meth_o_subtype_arg.c');

    const normal = await lintJson([file]);
    const strict = await lintJson([file], { strict: true });

    const hint = normal.report.diagnostics.find((d) => d.rule === 'method-signature' && coversLine(d, 12));
    assert.ok(hint, 'method-signature on line 12 without --strict');
    assert.equal(hint.severity, 'hint', 'severity without --strict');
    assert.equal(hint.effect, 'type', 'effect');
    assert.equal(normal.code, 0, 'exit code without --strict');

    const warning = strict.report.diagnostics.find((d) => d.rule === 'method-signature' && coversLine(d, 12));
    assert.ok(warning, 'method-signature on line 12 with --strict');
    assert.equal(warning.severity, 'warning', 'severity with --strict');
    assert.equal(strict.code, 1, 'exit code with --strict');
});
