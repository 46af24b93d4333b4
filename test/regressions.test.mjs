// Inputs modelled on faults found on real extensions: each file marks its
// expected findings with `/* expect: RULE SEVERITY */`, and nothing else at
// info or above may be reported.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';

import { lintJson } from './helpers/cli.mjs';
import { repoRoot } from './helpers/paths.mjs';

const folder = join(repoRoot, 'test', 'regressions');

function listSources(directory) {
    return readdirSync(directory).flatMap((name) => {
        const path = join(directory, name);
        return statSync(path).isDirectory() ? listSources(path) : [path];
    });
}

function expectedMarkers(path) {
    return readFileSync(path, 'utf8')
        .split('\n')
        .flatMap((text, index) =>
            [...text.matchAll(/expect: ([\w-]+) (\w+)/g)].map((match) => ({ line: index + 1, rule: match[1], severity: match[2] })),
        );
}

for (const path of listSources(folder)) {
    const name = relative(folder, path);
    test(`regression ${name}`, async () => {
        const { report } = await lintJson([path]);
        const reported = report.diagnostics
            .filter((diagnostic) => diagnostic.severity !== 'hint')
            .map((diagnostic) => ({ line: diagnostic.line, rule: diagnostic.rule, severity: diagnostic.severity }));
        assert.deepEqual(reported, expectedMarkers(path));
    });
}

test('folder walk keeps nested build', async () => {
    const { report } = await lintJson([join(folder, 'nested')]);
    assert.equal(report.summary.files, 1);
});

test('include folder from -I', async () => {
    const fixture = join(repoRoot, 'test', 'fixtures', 'include-dir');
    const source = join(fixture, 'src', 'api.c');
    const without = await lintJson([source]);
    assert.deepEqual(without.report.diagnostics, [], 'api.h is not found without -I, so nothing is checked');

    const withIncludeDir = await lintJson(['-I', join(fixture, 'headers'), source]);
    assert.deepEqual(
        withIncludeDir.report.diagnostics.map((diagnostic) => [diagnostic.rule, diagnostic.line]),
        [['method-signature', 4]],
    );
});
