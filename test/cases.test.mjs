// Lints every shared case through the CLI's JSON output and compares the
// diagnostics with the case's expect and allow markers.

import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';

import { checkDiagnosticShape, formatDiagnostic, lintJson } from './helpers/cli.mjs';
import { compareWithMarkers, readMarkers } from './helpers/markers.mjs';
import { listCases, listSourceFiles, repoRoot } from './helpers/paths.mjs';

function describeMissing(entry) {
    const markers = Array.isArray(entry) ? entry : [entry];
    return markers
        .map((m) => `${path.relative(repoRoot, m.file)}:${m.line} ${m.rule} ${m.severity}`)
        .join(' or ');
}

function countBySeverity(diagnostics, severity) {
    return diagnostics.filter((d) => d.severity === severity).length;
}

for (const testCase of listCases()) {
    test(`case ${testCase.name} matches its markers`, async () => {
        // The path as a user in the repository root would type it.
        const argument = path.relative(repoRoot, testCase.path);
        const sourceFiles = testCase.isFolder ? listSourceFiles(testCase.path) : [testCase.path];
        const markers = sourceFiles.flatMap(readMarkers);

        const { code, stderr, report } = await lintJson([argument]);
        const diagnostics = report.diagnostics;
        const listing = diagnostics.map(formatDiagnostic).join('\n') || '(none)';

        assert.equal(report.version, 1, 'JSON report version');
        assert.ok(Array.isArray(diagnostics), 'diagnostics is an array');

        // The form of `file` (as typed or absolute) is checked in the CLI
        // tests, so that one deviation does not fail every case here.
        const fileOf = (diagnostic) => path.resolve(repoRoot, diagnostic.file);
        for (const diagnostic of diagnostics) {
            assert.deepEqual(checkDiagnosticShape(diagnostic), [], `shape of ${formatDiagnostic(diagnostic)}`);
            assert.ok(sourceFiles.includes(fileOf(diagnostic)), `${diagnostic.file} is a file of the case`);
        }

        const { missing, unexpected } = compareWithMarkers(markers, diagnostics, fileOf);

        assert.deepEqual(missing.map(describeMissing), [], `expected findings not reported; diagnostics:\n${listing}`);
        assert.deepEqual(unexpected.map(formatDiagnostic), [], 'errors or warnings without a marker');

        assert.equal(report.summary.files, sourceFiles.length, 'summary.files');
        assert.equal(report.summary.errors, countBySeverity(diagnostics, 'error'), 'summary.errors');
        assert.equal(report.summary.warnings, countBySeverity(diagnostics, 'warning'), 'summary.warnings');
        assert.equal(report.summary.infos, countBySeverity(diagnostics, 'info'), 'summary.infos');
        assert.equal(report.summary.hints, countBySeverity(diagnostics, 'hint'), 'summary.hints');

        // With the checks above passing, an error or warning is reported
        // exactly when a marker expects one (or an allow marker permits one).
        const reportsFinding = diagnostics.some((d) => d.severity === 'error' || d.severity === 'warning');
        assert.equal(code, reportsFinding ? 1 : 0, `exit code; stderr:\n${stderr}`);
    });
}
