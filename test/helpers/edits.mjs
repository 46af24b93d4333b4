// Text edits as LSP and the CLI describe them. LSP positions are 0-based
// with UTF-16 character offsets, which are JavaScript string indices. CLI
// positions are 1-based lines and columns.

import { fileURLToPath } from 'node:url';

/** Returns the offset at which each line of TEXT starts. */
function lineStarts(text) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
        const isBreak = text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n');
        if (isBreak) {
            starts.push(i + 1);
        }
    }
    return starts;
}

/**
 * Converts a 0-based LSP position to a string offset. A line past the end
 * maps to the end of the text, and a character past the end of its line
 * maps to the end of the line, as the LSP specification prescribes.
 */
export function offsetAt(text, position) {
    const starts = lineStarts(text);
    if (position.line >= starts.length) {
        return text.length;
    }

    const lineStart = starts[position.line];
    let lineEnd = position.line + 1 < starts.length ? starts[position.line + 1] : text.length;
    while (lineEnd > lineStart && (text[lineEnd - 1] === '\n' || text[lineEnd - 1] === '\r')) {
        lineEnd--;
    }
    return Math.min(lineStart + position.character, lineEnd);
}

/** Converts a string offset to a 0-based LSP position. */
export function positionAt(text, offset) {
    const starts = lineStarts(text);
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1] <= offset) {
        line++;
    }
    return { line, character: offset - starts[line] };
}

/**
 * Applies LSP TextEdits whose ranges all refer to the original TEXT, as in a
 * WorkspaceEdit. Identical duplicate edits are applied once. Throws when two
 * different edits overlap, since their result would depend on order.
 */
export function applyTextEdits(text, edits) {
    const resolved = [];
    for (const edit of edits) {
        const start = offsetAt(text, edit.range.start);
        const end = offsetAt(text, edit.range.end);
        if (end < start) {
            throw new Error(`edit range ends before it starts: ${JSON.stringify(edit.range)}`);
        }
        const duplicate = resolved.some((r) => r.start === start && r.end === end && r.newText === edit.newText);
        if (!duplicate) {
            resolved.push({ start, end, newText: edit.newText });
        }
    }

    // Stable order by position, so insertions at one point keep their order.
    resolved.sort((a, b) => a.start - b.start || a.end - b.end);
    for (let i = 1; i < resolved.length; i++) {
        const previous = resolved[i - 1];
        const current = resolved[i];
        if (current.start < previous.end) {
            throw new Error(`overlapping edits at offsets ${previous.start}-${previous.end} and ${current.start}-${current.end}`);
        }
    }

    let result = '';
    let cursor = 0;
    for (const edit of resolved) {
        result += text.slice(cursor, edit.start) + edit.newText;
        cursor = edit.end;
    }
    return result + text.slice(cursor);
}

/** Normalizes a file URI so that differently escaped forms compare equal. */
export function uriKey(uri) {
    return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
}

/**
 * Applies a WorkspaceEdit (either `changes` or `documentChanges` with text
 * document edits) to DOCUMENTS, a Map from URI to text. Returns a new Map.
 * Throws on a URI missing from DOCUMENTS and on file create, rename or
 * delete operations, which these tests never expect.
 */
export function applyWorkspaceEdit(documents, workspaceEdit) {
    const editsByKey = new Map();
    const addEdits = (uri, edits) => {
        const key = uriKey(uri);
        editsByKey.set(key, [...(editsByKey.get(key) ?? []), ...edits]);
    };

    if (workspaceEdit.documentChanges) {
        for (const change of workspaceEdit.documentChanges) {
            if (change.kind !== undefined) {
                throw new Error(`unexpected resource operation in WorkspaceEdit: ${change.kind}`);
            }
            addEdits(change.textDocument.uri, change.edits);
        }
    } else {
        for (const [uri, edits] of Object.entries(workspaceEdit.changes ?? {})) {
            addEdits(uri, edits);
        }
    }

    const result = new Map(documents);
    for (const [key, edits] of editsByKey) {
        const uri = [...documents.keys()].find((candidate) => uriKey(candidate) === key);
        if (uri === undefined) {
            throw new Error(`WorkspaceEdit changes a document that is not open: ${key}`);
        }
        result.set(uri, applyTextEdits(documents.get(uri), edits));
    }
    return result;
}

/**
 * Applies incremental didChange content changes in order, because each
 * change's range refers to the text left by the previous one. A change
 * without a range replaces the whole text.
 */
export function applyContentChanges(text, changes) {
    let result = text;
    for (const change of changes) {
        if (change.range === undefined) {
            result = change.text;
            continue;
        }
        const start = offsetAt(result, change.range.start);
        const end = offsetAt(result, change.range.end);
        result = result.slice(0, start) + change.text + result.slice(end);
    }
    return result;
}

/**
 * Returns one incremental content change that turns OLD_TEXT into
 * NEW_TEXT. Its range spans from the end of the common prefix to the start
 * of the common suffix.
 */
export function diffAsContentChange(oldText, newText) {
    let prefix = 0;
    const shorter = Math.min(oldText.length, newText.length);
    while (prefix < shorter && oldText[prefix] === newText[prefix]) {
        prefix++;
    }

    let suffix = 0;
    while (
        suffix < shorter - prefix &&
        oldText[oldText.length - 1 - suffix] === newText[newText.length - 1 - suffix]
    ) {
        suffix++;
    }

    return {
        range: {
            start: positionAt(oldText, prefix),
            end: positionAt(oldText, oldText.length - suffix),
        },
        text: newText.slice(prefix, newText.length - suffix),
    };
}

/** Converts a CLI JSON edit (1-based lines and columns) to an LSP TextEdit. */
export function cliEditToTextEdit(edit) {
    const toPosition = ({ line, column }) => ({ line: line - 1, character: column - 1 });
    return {
        range: { start: toPosition(edit.range.start), end: toPosition(edit.range.end) },
        newText: edit.newText,
    };
}
