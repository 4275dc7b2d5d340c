import { Select, type SelectProps } from 'antd';
import { isCountyLevel, useDivisions } from '../hooks/use-divisions';

interface DivisionSelectProps extends Omit<SelectProps<string>, 'options' | 'mode'> {
  /** `county` (default): the nine county-level areas and the zones; `all`: with 湛江市 itself. */
  scope?: 'county' | 'all';
}

/** A picker of Zhanjiang's divisions, value = division code. */
export function DivisionSelect({ scope = 'county', placeholder = '请选择所在区县', ...rest }: DivisionSelectProps) {
  const divisions = useDivisions();
  const options = divisions
    .filter((d) => scope === 'all' || isCountyLevel(d))
    .map((d) => ({ value: d.code, label: d.name }));
  return <Select<string> options={options} placeholder={placeholder} showSearch={{ optionFilterProp: 'label' }} {...rest} />;
}
