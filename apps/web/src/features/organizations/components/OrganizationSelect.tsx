import { useState } from 'react';
import { Select, type SelectProps } from 'antd';
import { ORG_TYPE_LABELS, type OrganizationView, type OrgType } from '@zj/shared';
import { useDebouncedValue } from '../../../lib/debounce';
import { useOrganization, useOrganizations } from '../hooks/use-organizations';

interface OrganizationSelectProps extends Omit<SelectProps<string>, 'options' | 'onChange' | 'mode' | 'showSearch'> {
  onChange?: (id: string | undefined, organization: OrganizationView | undefined) => void;
  type?: OrgType;
}

/** Picks an organisation by searching its name or credit code on the server. */
export function OrganizationSelect({ onChange, type, value, placeholder = '输入名称搜索机构', ...rest }: OrganizationSelectProps) {
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim());
  const { data, isFetching } = useOrganizations({ q: q || undefined, type, page: 1, pageSize: 20 });
  const items = data?.items ?? [];
  // A value set from outside (e.g. ?organizationId= in the URL) that the search did not return.
  const missing = Boolean(value) && !isFetching && !items.some((o) => o.id === value);
  const { data: selectedOrg } = useOrganization(value ?? undefined, missing);

  const options = items.map((o) => ({ value: o.id, label: o.name, title: ORG_TYPE_LABELS[o.type] }));
  if (value && selectedOrg?.id === value && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: selectedOrg.name, title: ORG_TYPE_LABELS[selectedOrg.type] });
  }

  return (
    <Select<string>
      value={value}
      options={options}
      placeholder={placeholder}
      loading={isFetching}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      notFoundContent={isFetching ? '搜索中…' : '没有匹配的机构'}
      onChange={(id) => onChange?.(id, items.find((o) => o.id === id))}
      onClear={() => setSearch('')}
      optionRender={(option) => (
        <span>
          {option.label}
          <span className="zj-muted" style={{ marginInlineStart: 8, fontSize: 12 }}>
            {option.data.title}
          </span>
        </span>
      )}
      {...rest}
    />
  );
}
