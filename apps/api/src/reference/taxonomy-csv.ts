/**
 * Parses a green-industry catalogue CSV (one row per third-level category, e.g.
 * data/green-industry-catalogue-2019.csv) into its level-1, level-2 and level-3 categories.
 */
export const TAXONOMY_CSV_HEADER = [
  'level1_code',
  'level1_name',
  'level2_code',
  'level2_name',
  'level3_code',
  'level3_name',
  'description',
  'standards',
] as const;

export interface TaxonomyCategoryRow {
  code: string;
  level: 1 | 2 | 3;
  name: string;
  parentCode: string | null;
  description: string | null;
  standards: string[];
}

export interface TaxonomyCsvError {
  /** 1-based line where the offending record starts. */
  line: number;
  message: string;
}

export interface TaxonomyCsvResult {
  categories: TaxonomyCategoryRow[];
  errors: TaxonomyCsvError[];
}

interface CsvRecord {
  line: number;
  fields: string[];
}

/** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF. */
export function parseCsvRecords(text: string): { records: CsvRecord[]; errors: TaxonomyCsvError[] } {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 0;

  const endRecord = () => {
    fields.push(field);
    // A line with nothing on it is not a record.
    if (fields.length > 1 || fields[0] !== '') records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    recordLine = line;
  };

  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      line++;
      endRecord();
    } else {
      field += ch;
    }
  }
  if (quoted) return { records, errors: [{ line: quoteLine, message: '引号未闭合' }] };
  endRecord();
  return { records, errors: [] };
}

const LEVEL_LABEL = { 1: '一级', 2: '二级', 3: '三级' } as const;
const CODE_PATTERN = { 1: /^[1-9]\d*$/, 2: /^[1-9]\d*\.[1-9]\d*$/, 3: /^[1-9]\d*\.[1-9]\d*\.[1-9]\d*$/ } as const;
const CODE_EXAMPLE = { 1: '1', 2: '1.1', 3: '1.1.1' } as const;

/** Extraction remnants such as `《）` carry no standard's title. */
function isBrokenStandard(entry: string): boolean {
  return entry.replace(/[《》（）()\s]/g, '') === '';
}

export function splitStandards(cell: string): string[] {
  return cell
    .split('&')
    .map((s) => s.trim())
    .filter((s) => !isBrokenStandard(s));
}

export function parseTaxonomyCsv(text: string): TaxonomyCsvResult {
  const { records, errors } = parseCsvRecords(text);
  if (errors.length) return { categories: [], errors };

  const header = records[0]?.fields.map((f) => f.trim());
  if (!header || header.join(',') !== TAXONOMY_CSV_HEADER.join(',')) {
    return {
      categories: [],
      errors: [{ line: records[0]?.line ?? 1, message: `缺少表头或表头不正确，应为：${TAXONOMY_CSV_HEADER.join(',')}` }],
    };
  }

  const categories: TaxonomyCategoryRow[] = [];
  // Code -> name and the line it was first seen on, per level.
  const seen: Record<1 | 2 | 3, Map<string, { name: string; line: number }>> = { 1: new Map(), 2: new Map(), 3: new Map() };

  for (const { line, fields } of records.slice(1)) {
    const rowErrors: string[] = [];
    if (fields.length !== TAXONOMY_CSV_HEADER.length) {
      errors.push({ line, message: `应有${TAXONOMY_CSV_HEADER.length}列，实际为${fields.length}列` });
      continue;
    }
    const [c1, n1, c2, n2, c3, n3, description, standards] = fields.map((f) => f.trim());
    const levels = [
      { level: 1, code: c1, name: n1, parentCode: null },
      { level: 2, code: c2, name: n2, parentCode: c1 },
      { level: 3, code: c3, name: n3, parentCode: c2 },
    ] as const;

    let parentWellFormed = true;
    for (const { level, code, name, parentCode } of levels) {
      const label = LEVEL_LABEL[level];
      const wellFormed = CODE_PATTERN[level].test(code);
      if (!wellFormed) {
        rowErrors.push(`${label}分类代码“${code}”格式不正确，应形如“${CODE_EXAMPLE[level]}”`);
      } else if (parentCode !== null && parentWellFormed && !code.startsWith(`${parentCode}.`)) {
        rowErrors.push(`${label}分类代码“${code}”应以上级分类代码“${parentCode}.”开头`);
      }
      if (!name) rowErrors.push(`${label}分类名称不能为空`);
      const first = seen[level].get(code);
      if (level === 3 && first) {
        rowErrors.push(`三级分类代码“${code}”重复（首次出现在第${first.line}行）`);
      } else if (first && name && first.name !== name) {
        rowErrors.push(`${label}分类代码“${code}”在第${first.line}行名称为“${first.name}”，此处为“${name}”`);
      }
      parentWellFormed = wellFormed;
    }
    if (rowErrors.length) {
      for (const message of rowErrors) errors.push({ line, message });
      continue;
    }

    for (const { level, code, name, parentCode } of levels) {
      if (seen[level].has(code)) continue;
      seen[level].set(code, { name, line });
      categories.push(
        level === 3
          ? { code, level, name, parentCode, description: description || null, standards: splitStandards(standards) }
          : { code, level, name, parentCode, description: null, standards: [] },
      );
    }
  }
  return { categories, errors };
}
