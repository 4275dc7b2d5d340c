import { likePattern } from './library-scope';

/**
 * The text keyword search reads: lower(name, location, description, category_terms: the names and
 * keywords of the project's categories), kept by the database as the generated column `search_text`,
 * which the trigram and bigram indexes cover (migrations 1764300500000, 1764313000000).
 */
export const PROJECT_SEARCH_TEXT = `p.search_text`;

/**
 * A keyword condition on projects aliased `p`: a case-insensitive substring match, with the bigram
 * containment that lets two-character keywords use an index (trigram indexing needs three characters).
 */
export function projectKeywordSql(keyword: string, alias = 'p'): { sql: string; params: Record<string, unknown> } {
  const kw = keyword.toLowerCase();
  const text = alias === 'p' ? PROJECT_SEARCH_TEXT : `${alias}.search_text`;
  const params = { kwLike: likePattern(kw), kwText: kw };
  const like = `${text} LIKE :kwLike`;
  if ([...kw].length === 2) return { sql: `(zj_bigrams(${text}) @> zj_bigrams(:kwText) AND ${like})`, params };
  return { sql: like, params };
}
