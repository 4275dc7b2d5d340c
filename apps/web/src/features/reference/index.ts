/** Public face of reference: what other modules may import from it. */
export { fetchTaxonomyTree } from './api/reference-api';
export { CATEGORY_TREE_VERSION, CategoryTags, CategoryTreeSelect } from './components/CategoryTreeSelect';
export { DivisionSelect } from './components/DivisionSelect';
export { isCountyLevel, useDivisionName, useDivisions } from './hooks/use-divisions';
export { useTaxonomies, useTaxonomyTree } from './hooks/use-taxonomies';
