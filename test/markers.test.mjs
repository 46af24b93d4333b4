// Checks the marker helper itself, so that a parsing slip cannot make the
// case tests pass without checking anything.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { compareWithMarkers, parseMarkers } from './helpers/markers.mjs';

const diagnostic = (line, rule, severity, endLine = line) => ({ file: 'a.c', line, endLine, rule, severity });
const withFile = (markers) => markers.map((marker) => ({ ...marker, file: 'a.c' }));
const fileOf = (d) => d.file;

test('parseMarkers reads several per line', () => {
    const text = 'int x;\n{ f }, /* expect: method-signature error */ /* allow: conflicting-uses warning */\n';

    const markers = parseMarkers(text);

    assert.deepEqual(markers, [
        { kind: 'expect', group: null, rule: 'method-signature', severity: 'error', line: 2 },
        { kind: 'allow', group: null, rule: 'conflicting-uses', severity: 'warning', line: 2 },
    ]);
});

test('parseMarkers reads a group name', () => {
    const [marker] = parseMarkers('/* expect[proto]: method-signature error */');

    assert.equal(marker.group, 'proto');
});

test('parseMarkers rejects a malformed marker', () => {
    assert.throws(() => parseMarkers('x; /* expect: method-signature */'), /malformed marker/);
    assert.throws(() => parseMarkers('x; /* expect: method-signature fatal */'), /unknown severity/);
});

test('compareWithMarkers finds missing and unexpected', () => {
    const markers = withFile(parseMarkers('\n/* expect: r error */\n\n/* allow: s warning */\n'));
    const diagnostics = [diagnostic(3, 'r', 'error'), diagnostic(4, 's', 'warning'), diagnostic(5, 't', 'warning')];

    const { missing, unexpected } = compareWithMarkers(markers, diagnostics, fileOf);

    assert.deepEqual(missing.map((m) => m.line), [2], 'line-2 marker not covered by a line-3 diagnostic');
    assert.deepEqual(unexpected.map((d) => d.line), [3, 5], 'unmarked errors and warnings');
});

test('compareWithMarkers needs one of a group', () => {
    const markers = withFile(parseMarkers('/* expect[g]: r error */\n/* expect[g]: r error */\n'));

    const matched = compareWithMarkers(markers, [diagnostic(2, 'r', 'error')], fileOf);
    const unmatched = compareWithMarkers(markers, [], fileOf);

    assert.deepEqual(matched.missing, []);
    assert.equal(unmatched.missing.length, 1, 'the group is reported once');
});

test('compareWithMarkers matches severity and range', () => {
    const markers = withFile(parseMarkers('\n\n/* expect: r warning */\n'));

    const wrongSeverity = compareWithMarkers(markers, [diagnostic(3, 'r', 'error')], fileOf);
    const multiLine = compareWithMarkers(markers, [diagnostic(2, 'r', 'warning', 4)], fileOf);
    const hintElsewhere = compareWithMarkers(markers, [diagnostic(3, 'r', 'warning'), diagnostic(1, 'x', 'hint')], fileOf);

    assert.equal(wrongSeverity.missing.length, 1, 'an error does not satisfy a warning marker');
    assert.deepEqual(multiLine.missing, [], 'a range over lines 2-4 covers line 3');
    assert.deepEqual(hintElsewhere.unexpected, [], 'hints may appear anywhere');
});
