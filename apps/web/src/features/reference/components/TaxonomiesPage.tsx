import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, Card, Col, Empty, Row } from 'antd';
import { ImportOutlined } from '@ant-design/icons';
import { Role } from '@zj/shared';
import { PageContainer } from '../../../components/PageContainer';
import { useCurrentUser } from '../../../lib/auth-context';
import { useTaxonomies } from '../hooks/use-taxonomies';
import { TaxonomyImportModal } from './TaxonomyImportModal';
import { TaxonomyList } from './TaxonomyList';
import { TaxonomyTreePanel } from './TaxonomyTreePanel';

/** 分类标准: the green taxonomies loaded on the platform, browsable as trees; BUREAU imports new ones. */
export default function TaxonomiesPage() {
  const user = useCurrentUser();
  const canImport = user.role === Role.BUREAU;
  const taxonomies = useTaxonomies();
  const [search, setSearch] = useSearchParams();
  const [importing, setImporting] = useState(false);

  const items = taxonomies.data ?? [];
  const requested = search.get('version') ?? undefined;
  const selected = items.find((t) => t.version === requested) ?? items[0];
  const select = (version: string) => setSearch({ version }, { replace: true });

  return (
    <PageContainer
      title="分类标准"
      description="绿色项目与绿色金融产品按（目录版本，分类代码）归类；新目录施行后，已归类的记录保留其原版本。"
      extra={
        canImport ? (
          <Button type="primary" icon={<ImportOutlined />} onClick={() => setImporting(true)} data-testid="taxonomy-import">
            导入分类标准
          </Button>
        ) : null
      }
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card size="small" title="目录版本">
            <TaxonomyList
              items={taxonomies.data}
              loading={taxonomies.isLoading}
              failed={taxonomies.isError}
              selected={selected?.version}
              onSelect={select}
            />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card size="small" title={selected ? `${selected.name}（${selected.version}）` : '分类目录'}>
            {selected ? <TaxonomyTreePanel key={selected.version} version={selected.version} /> : <Empty description="请选择目录版本" />}
          </Card>
        </Col>
      </Row>
      {canImport ? (
        <TaxonomyImportModal open={importing} onClose={() => setImporting(false)} onImported={(_t, version) => select(version)} />
      ) : null}
    </PageContainer>
  );
}
