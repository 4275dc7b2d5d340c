import { Link } from 'react-router-dom';
import { Button, Result } from 'antd';
import { PageContainer } from '../../components/PageContainer';

/** 404: no page at this address. */
export function NotFoundPage() {
  return (
    <PageContainer title="页面不存在">
      <Result
        status="404"
        title="404"
        subTitle="抱歉，您访问的页面不存在或已被移除。"
        extra={
          <Link to="/">
            <Button type="primary">返回工作台</Button>
          </Link>
        }
        data-testid="not-found"
      />
    </PageContainer>
  );
}
