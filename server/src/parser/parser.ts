import { Language, Parser, Tree } from 'web-tree-sitter';

import { locateGrammar } from './grammar';

let language: Promise<Language> | undefined;

/** Loads the tree-sitter runtime and the C grammar once per process. */
export function loadCLanguage(): Promise<Language> {
  language ??= (async () => {
    await Parser.init();
    return Language.load(locateGrammar());
  })();
  return language;
}

/** Creates a parser for C. Parsers are cheap but not shareable across concurrent parses. */
export async function createCParser(): Promise<Parser> {
  const cLanguage = await loadCLanguage();
  const parser = new Parser();
  parser.setLanguage(cLanguage);
  return parser;
}

export type { Tree };
