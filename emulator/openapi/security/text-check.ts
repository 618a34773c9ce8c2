import { LABEL, SEVERITY, type Suggest } from './labels';
import { DEFAULT_PATTERN_RULES, DEFAULT_WORD_RULES, type PatternRule, type WordRule } from './risky-words';

export interface TextHit {
  strategy: 'keyword' | 'pattern';
  keyword: string;
  label: number;
  suggest: Suggest;
}

export interface TextVerdict {
  suggest: Suggest;
  label: number;
  hits: TextHit[];
}

/** Full-width to half-width, lower case, and separators removed so spacing tricks do not evade words. */
export function normalizeForWords(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s·.。,，、_\-*~!！?？'"“”‘’|/\\]+/g, '');
}

export function checkText(
  text: string,
  words: readonly WordRule[] = DEFAULT_WORD_RULES,
  patterns: readonly PatternRule[] = DEFAULT_PATTERN_RULES,
): TextVerdict {
  const squeezed = normalizeForWords(text);
  const spaced = text.normalize('NFKC');
  const hits: TextHit[] = [];
  for (const rule of words) {
    if (squeezed.includes(rule.word.toLowerCase())) {
      hits.push({ strategy: 'keyword', keyword: rule.word, label: rule.label, suggest: rule.suggest });
    }
  }
  for (const rule of patterns) {
    const match = rule.pattern.exec(spaced);
    if (match) hits.push({ strategy: 'pattern', keyword: match[0], label: rule.label, suggest: rule.suggest });
  }
  // The verdict is the most severe hit; among equals the first rule listed wins.
  let worst: TextHit | undefined;
  for (const hit of hits) {
    if (!worst || SEVERITY[hit.suggest] > SEVERITY[worst.suggest]) worst = hit;
  }
  return worst ? { suggest: worst.suggest, label: worst.label, hits } : { suggest: 'pass', label: LABEL.normal, hits };
}
