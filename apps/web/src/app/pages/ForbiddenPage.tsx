import { Link } from 'react-router-dom';
import { Button, Result } from 'antd';
import { PageContainer } from '../../components/PageContainer';

/** 403: a signed-in user reached a page of another role. */
export function ForbiddenPage() {
  return (
    <PageContainer title="无权访问">
      <Result
        status="403"
        title="403"
        subTitle="抱歉，您的角色无权访问此页面。如需开通，请联系市金融工作局。"
        extra={
          <Link to="/">
            <Button type="primary">返回工作台</Button>
          </Link>
        }
        data-testid="forbidden"
      />
    </PageContainer>
  );
}
