/** 湛江市 and its county-level divisions and management-committee zones (DOMAIN.md, Places). */
export enum DivisionKind {
  CITY = 'CITY',
  DISTRICT = 'DISTRICT',
  COUNTY = 'COUNTY',
  COUNTY_CITY = 'COUNTY_CITY',
  ZONE = 'ZONE',
}

export interface Division {
  code: string;
  name: string;
  kind: DivisionKind;
  parentCode: string | null;
}

export const CITY_CODE = '440800';

/** Zones have no national division code; they get stable platform codes under the city's. */
export const DIVISIONS: readonly Division[] = [
  { code: '440800', name: '湛江市', kind: DivisionKind.CITY, parentCode: null },
  { code: '440802', name: '赤坎区', kind: DivisionKind.DISTRICT, parentCode: '440800' },
  { code: '440803', name: '霞山区', kind: DivisionKind.DISTRICT, parentCode: '440800' },
  { code: '440804', name: '坡头区', kind: DivisionKind.DISTRICT, parentCode: '440800' },
  { code: '440811', name: '麻章区', kind: DivisionKind.DISTRICT, parentCode: '440800' },
  { code: '440823', name: '遂溪县', kind: DivisionKind.COUNTY, parentCode: '440800' },
  { code: '440825', name: '徐闻县', kind: DivisionKind.COUNTY, parentCode: '440800' },
  { code: '440881', name: '廉江市', kind: DivisionKind.COUNTY_CITY, parentCode: '440800' },
  { code: '440882', name: '雷州市', kind: DivisionKind.COUNTY_CITY, parentCode: '440800' },
  { code: '440883', name: '吴川市', kind: DivisionKind.COUNTY_CITY, parentCode: '440800' },
  { code: '440800Z01', name: '湛江经济技术开发区', kind: DivisionKind.ZONE, parentCode: '440800' },
  { code: '440800Z02', name: '湛江奋勇高新技术产业开发区', kind: DivisionKind.ZONE, parentCode: '440800' },
  { code: '440800Z03', name: '南三岛滨海旅游示范区', kind: DivisionKind.ZONE, parentCode: '440800' },
];

/** The nine county-level areas and the three zones: where enterprises and projects are. */
export const COUNTY_LEVEL_DIVISIONS: readonly Division[] = DIVISIONS.filter((d) => d.parentCode === CITY_CODE);

export function divisionByCode(code: string): Division | undefined {
  return DIVISIONS.find((d) => d.code === code);
}

export function divisionByName(name: string): Division | undefined {
  const n = name.trim();
  return DIVISIONS.find((d) => d.name === n);
}
