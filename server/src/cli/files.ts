import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Folders that hold no sources of the project itself: version control, dependencies, environments. */
const SKIPPED_FOLDERS = new Set(['.git', '.hg', '.svn', 'node_modules', '.tox', '.nox', '.venv', 'venv', '__pycache__', '.eggs']);

/**
 * Build output folders, skipped only at the top of a linted folder: setuptools and CMake
 * write build/ there, while deeper folders of that name can hold sources (Nuitka keeps its
 * C runtime in nuitka/build/).
 */
const TOP_LEVEL_BUILD_FOLDERS = new Set(['build', 'dist', '_build']);

const SOURCE_EXTENSIONS = ['.c', '.h'];

export class InputError extends Error {}

/**
 * Expands the command line's paths into files: a file is taken as it is, a folder is
 * searched recursively for C sources and headers. Results are sorted and unique.
 */
export function collectFiles(paths: string[]): string[] {
  const files = new Set<string>();
  for (const path of paths) {
    let stats;
    try {
      stats = statSync(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new InputError(
        code === 'ENOENT' ? `'${path}' does not exist; check the path.` : `cannot read '${path}' (${code ?? String(error)}); check its permissions.`,
      );
    }
    if (stats.isDirectory()) {
      walk(path, files, true);
    } else {
      files.add(path);
    }
  }
  return [...files].sort();
}

function walk(folder: string, files: Set<string>, isTop = false): void {
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    throw new InputError(`cannot list folder '${folder}' (${(error as NodeJS.ErrnoException).code ?? String(error)}); check its permissions.`);
  }
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name) && !(isTop && TOP_LEVEL_BUILD_FOLDERS.has(entry.name))) {
        walk(path, files);
      }
    } else if (entry.isFile() && SOURCE_EXTENSIONS.some((extension) => entry.name.endsWith(extension))) {
      files.add(path);
    }
  }
}
