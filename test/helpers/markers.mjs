import { readFileSync } from 'node:fs';

const SEVERITIES = ['error', 'warning', 'info', 'hint'];

// One marker: /* expect: RULE SEVERITY */, /* expect[GROUP]: RULE SEVERITY */
// or /* allow: RULE SEVERITY */.
const MARKER = /\/\*\s*(expect|allow)(?:\[([^\]\s]+)\])?:\s*([A-Za-z0-9_-]+)\s+([a-z]+)\s*\*\//g;

// Anything that starts like a marker, so that a misspelt marker fails loudly
// instead of silently requiring nothing.
const MARKER_START = /\/\*\s*(expect|allow)\b/g;

/**
 * Parses the expect and allow markers of C source text. Returns a list of
 * { kind: 'expect' | 'allow', group, rule, severity, line } with 1-based
 * lines, where group is null for an ungrouped marker. Throws on a malformed
 * marker or an unknown severity.
 */
export function parseMarkers(text, fileName = '<text>') {
    const markers = [];
    const lines = text.split(/\r?\n/);

    lines.forEach((lineText, index) => {
        const line = index + 1;
        const starts = [...lineText.matchAll(MARKER_START)].length;
        const matches = [...lineText.matchAll(MARKER)];

        if (matches.length !== starts) {
            throw new Error(`${fileName}:${line}: malformed marker in: ${lineText.trim()}`);
        }

        for (const match of matches) {
            const [, kind, group, rule, severity] = match;
            if (!SEVERITIES.includes(severity)) {
                throw new Error(`${fileName}:${line}: unknown severity "${severity}" (expected one of ${SEVERITIES.join(', ')})`);
            }
            if (kind === 'allow' && group !== undefined) {
                throw new Error(`${fileName}:${line}: allow markers take no group`);
            }
            markers.push({ kind, group: group ?? null, rule, severity, line });
        }
    });

    return markers;
}

/** Reads a file and parses its markers, adding the file path to each. */
export function readMarkers(filePath) {
    const text = readFileSync(filePath, 'utf8');
    return parseMarkers(text, filePath).map((marker) => ({ ...marker, file: filePath }));
}

/**
 * Tells whether a diagnostic matches a marker: same file, rule and severity,
 * and a line range that covers the marker's line. fileOf maps a diagnostic
 * to a path comparable with marker.file.
 */
export function diagnosticMatchesMarker(diagnostic, marker, fileOf) {
    return fileOf(diagnostic) === marker.file &&
        diagnostic.rule === marker.rule &&
        diagnostic.severity === marker.severity &&
        diagnostic.line <= marker.line &&
        marker.line <= diagnostic.endLine;
}

/**
 * Compares the diagnostics of one case with its markers and returns
 * { missing, unexpected }. `missing` lists each ungrouped expect marker, or
 * each group as its list of markers, that no diagnostic matches.
 * `unexpected` lists the error and warning diagnostics that match no expect
 * or allow marker. Info and hint diagnostics may appear anywhere.
 */
export function compareWithMarkers(markers, diagnostics, fileOf) {
    const matchedBy = (marker) => diagnostics.some((d) => diagnosticMatchesMarker(d, marker, fileOf));

    const missing = [];
    const groups = new Map();
    for (const marker of markers.filter((m) => m.kind === 'expect')) {
        if (marker.group === null) {
            if (!matchedBy(marker)) {
                missing.push(marker);
            }
            continue;
        }
        // A group may span the files of a folder case, so it is keyed by name.
        groups.set(marker.group, [...(groups.get(marker.group) ?? []), marker]);
    }
    for (const group of groups.values()) {
        if (!group.some(matchedBy)) {
            missing.push(group);
        }
    }

    const unexpected = diagnostics
        .filter((d) => d.severity === 'error' || d.severity === 'warning')
        .filter((d) => !markers.some((marker) => diagnosticMatchesMarker(d, marker, fileOf)));

    return { missing, unexpected };
}
