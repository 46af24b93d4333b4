import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));

// CI clones the repository with the shared cases folder beside it, so the
// cases live in the parent of the repository root.
export const casesDir = path.resolve(repoRoot, '..', 'shared', 'cases');

export const cliPath = path.join(repoRoot, 'server', 'bin', 'pyfpcast.js');

/**
 * Lists the cases: every top-level .c or .h file and every folder, each as
 * { name, path, isFolder }. Throws when the cases folder is missing.
 */
export function listCases() {
    if (!existsSync(casesDir)) {
        throw new Error(`cases folder not found: ${casesDir} (expected beside the repository root)`);
    }

    const cases = [];
    for (const name of readdirSync(casesDir).sort()) {
        const casePath = path.join(casesDir, name);
        if (statSync(casePath).isDirectory()) {
            cases.push({ name, path: casePath, isFolder: true });
        } else if (/\.[ch]$/.test(name)) {
            cases.push({ name, path: casePath, isFolder: false });
        }
    }
    return cases;
}

/** Lists the .c and .h files under a folder, recursively, sorted. */
export function listSourceFiles(folder) {
    const files = [];
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const entryPath = path.join(folder, entry.name);
        if (entry.isDirectory()) {
            files.push(...listSourceFiles(entryPath));
        } else if (/\.[ch]$/.test(entry.name)) {
            files.push(entryPath);
        }
    }
    return files.sort();
}
