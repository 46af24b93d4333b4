import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Finds the folder of rule pages: docs/rules/ at the top of the repository, or beside
 * the bundled server in the VS Code package.
 */
function locateRuleDocs(fromDirectory: string): string | undefined {
  const candidates = [
    join(fromDirectory, 'docs', 'rules'),
    join(fromDirectory, '..', 'docs', 'rules'),
    join(fromDirectory, '..', '..', 'docs', 'rules'),
    join(fromDirectory, '..', '..', '..', 'docs', 'rules'),
  ];
  return candidates.find((candidate) => existsSync(candidate));
}

/** Returns a function that gives the file URL of a rule's page, or undefined when the pages are not installed. */
export function ruleDocsLinker(fromDirectory: string = __dirname): (rule: string) => string | undefined {
  const folder = locateRuleDocs(fromDirectory);
  return (rule: string) => {
    if (folder === undefined) {
      return undefined;
    }
    const page = join(folder, `${rule}.md`);
    return existsSync(page) ? pathToFileURL(page).href : undefined;
  };
}
