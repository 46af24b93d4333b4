// Every rule has a docs page with the fixed headings and a row in the README's
// rule table that links to it.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, test } from 'node:test';

import { repoRoot } from './helpers/paths.mjs';

const require = createRequire(import.meta.url);
const { RULES } = require('../server/out/rules/index.js');

const REQUIRED_HEADINGS = ['## What it checks', '## Why it breaks', '## Example', '## Fix', '## Known limitations'];

/** Returns the level-2 headings of a Markdown text, outside fenced code blocks. */
function headingsOf(markdown) {
    const headings = [];
    let inFence = false;
    for (const line of markdown.split(/\r?\n/)) {
        if (/^\s*(```|~~~)/.test(line)) {
            inFence = !inFence;
            continue;
        }
        if (!inFence && /^## /.test(line)) {
            headings.push(line.trimEnd());
        }
    }
    return headings;
}

/** Returns the README lines that are table rows. */
function readmeTableRows() {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    return readme.split(/\r?\n/).filter((line) => line.trimStart().startsWith('|'));
}

test('rules exist', () => {
    assert.ok(RULES.length > 0);
});

for (const rule of RULES) {
    const id = rule.metadata.id;
    const docsPath = path.join(repoRoot, 'docs', 'rules', `${id}.md`);

    describe(`docs of ${id}`, () => {
        test('page exists', () => {
            assert.ok(existsSync(docsPath), `${path.relative(repoRoot, docsPath)} exists`);
        });

        test('page title is the rule id', () => {
            const markdown = readFileSync(docsPath, 'utf8');

            assert.equal(markdown.split(/\r?\n/)[0], `# ${id}`);
        });

        for (const heading of REQUIRED_HEADINGS) {
            test(`has ${heading.slice(3)}`, () => {
                const headings = headingsOf(readFileSync(docsPath, 'utf8'));

                assert.ok(headings.includes(heading), `headings: ${headings.join(', ')}`);
            });
        }

        test('headings in order', () => {
            const headings = headingsOf(readFileSync(docsPath, 'utf8')).filter((heading) => REQUIRED_HEADINGS.includes(heading));

            assert.deepEqual(headings, REQUIRED_HEADINGS);
        });

        test('README row links here', () => {
            const link = `[${id}](docs/rules/${id}.md)`;

            const rows = readmeTableRows().filter((row) => row.includes(link));

            assert.equal(rows.length, 1, `one README table row with ${link}`);
        });
    });
}
