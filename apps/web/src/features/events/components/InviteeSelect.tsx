import { useState, type ReactNode } from 'react';
import { Flex, Select, Typography } from 'antd';
import { type EventOrgRef, ORG_TYPE_LABELS, OrgType } from '@zj/shared';
import { useDebouncedValue } from '../../../lib/debounce';
import { useOrganizations } from '../../organizations';

interface InviteeSelectProps {
  /** The invited organisations' ids (a Form.Item passes value and onChange). */
  value?: string[];
  onChange?: (ids: string[]) => void;
  /** The organisations invited so far, for the names of the ids in `value` when editing. */
  known?: EventOrgRef[];
  /** Only organisations of this type (no type picker). */
  fixedType?: OrgType;
  /** `data-testid` of the select; the type picker is `<id>-type`, the line below `<id>-count`. */
  testIdBase?: string;
  placeholder?: string;
  /** The line below the select, given how many are picked. */
  hint?: (picked: number) => ReactNode;
}

const TYPE_OPTIONS = Object.values(OrgType).map((t) => ({ value: t, label: ORG_TYPE_LABELS[t] }));

/**
 * 受邀机构: several organisations (banks, enterprises, government units, counties), searched on the
 * server by name or credit code and narrowed by type.
 */
export function InviteeSelect({
  value,
  onChange,
  known = [],
  fixedType,
  testIdBase,
  placeholder = '输入名称或信用代码搜索机构',
  hint = (n) => `已选 ${n} 家机构；活动发布后（已发布的活动：保存后）受邀机构的用户收到邀请，并在活动开始前一天、一小时收到提醒。`,
}: InviteeSelectProps) {
  const selected = value ?? [];
  const [chosenType, setType] = useState<OrgType | undefined>();
  const type = fixedType ?? chosenType;
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim());
  const { data, isFetching } = useOrganizations({ q: q || undefined, type, page: 1, pageSize: 50 });
  const items = data?.items ?? [];
  // Names of what was picked, so a choice keeps its label when a later search no longer returns it.
  const [picked, setPicked] = useState<Map<string, EventOrgRef>>(() => new Map());

  const byId = new Map<string, EventOrgRef>();
  for (const o of known) byId.set(o.id, o);
  for (const [id, o] of picked) byId.set(id, o);
  for (const o of items) byId.set(o.id, { id: o.id, name: o.name, type: o.type });

  const option = (o: EventOrgRef) => ({ value: o.id, label: o.name, title: ORG_TYPE_LABELS[o.type as OrgType] ?? o.type });
  const options = items.map((o) => option({ id: o.id, name: o.name, type: o.type }));
  for (const id of selected) {
    const o = byId.get(id);
    if (o && !options.some((x) => x.value === id)) options.push(option(o));
  }

  const change = (ids: string[]) => {
    setPicked((prev) => {
      const next = new Map(prev);
      for (const id of ids) {
        const o = byId.get(id);
        if (o) next.set(id, o);
      }
      return next;
    });
    onChange?.(ids);
  };

  return (
    <Flex vertical gap={4}>
      <Flex gap={8}>
        {fixedType ? null : (
          <Select<OrgType>
            allowClear
            placeholder="全部机构类型"
            style={{ width: 170, flex: 'none' }}
            options={TYPE_OPTIONS}
            value={chosenType}
            onChange={setType}
            data-testid={testIdBase ? `${testIdBase}-type` : 'event-invitee-type'}
          />
        )}
        <Select<string[]>
          mode="multiple"
          style={{ flex: 1, minWidth: 0 }}
          value={selected}
          options={options}
          placeholder={placeholder}
          loading={isFetching}
          // The search stays after a pick, to pick several of one search (e.g. 银行); cleared on leaving.
          showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search, autoClearSearchValue: false }}
          onChange={change}
          onBlur={() => setSearch('')}
          notFoundContent={isFetching ? '搜索中…' : '没有匹配的机构'}
          maxTagCount="responsive"
          optionRender={(o) => (
            <span>
              {o.label}
              <span className="zj-muted" style={{ marginInlineStart: 8, fontSize: 12 }}>
                {o.data.title}
              </span>
            </span>
          )}
          data-testid={testIdBase ?? 'event-invitees'}
        />
      </Flex>
      <Typography.Text type="secondary" data-testid={testIdBase ? `${testIdBase}-count` : 'event-invitee-count'}>
        {hint(selected.length)}
      </Typography.Text>
    </Flex>
  );
}
