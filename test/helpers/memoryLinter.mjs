// Runs the compiled linter on C text held in memory, for unit tests that need
// no files on disk. Build first: the modules come from server/out.

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Linter } = require('../../server/out/linter.js');
const { positionAt } = require('../../server/out/analysis/document.js');

/** The path a test's source is linted under, so the headers it includes resolve in /project. */
export const SOURCE_PATH = '/project/spam.c';

/**
 * Creates a linter whose SourceHost reads from an in-memory map of absolute
 * paths to text. Returns lint(text, { headers, target, strict }), where
 * `headers` replaces the map for that call.
 */
export async function createMemoryLinter() {
    let files = {};
    const linter = await Linter.create({ readFile: (path) => files[path] });

    return {
        lint(text, { headers = {}, target = 'wasm32', strict = false, path = SOURCE_PATH } = {}) {
            files = { ...headers, [path]: text };
            return linter.lint(path, text, { target, strict });
        },
        dispose() {
            linter.dispose();
        },
    };
}

/** Returns the 1-based line of an offset in a parsed document. */
export function lineOf(document, offset) {
    return positionAt(document, offset).line + 1;
}

/** Lists findings as `LINE RULE SEVERITY` strings, for assertion messages. */
export function describeFindings(findings) {
    if (findings.length === 0) {
        return '(none)';
    }
    return findings.map((finding) => `${lineOf(finding.document, finding.start)} ${finding.rule} ${finding.severity}`).join('\n');
}
