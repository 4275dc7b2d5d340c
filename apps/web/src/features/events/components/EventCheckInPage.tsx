import { useNavigate, useParams } from 'react-router-dom';
import { Button, Result, Spin } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { PageContainer } from '../../../components/PageContainer';
import { errorMessage } from '../../../lib/errors';
import CheckInPanel from '../day/components/CheckInPanel';
import { useEvent } from '../hooks/use-events';

/** /events/:id/check-in (bureau): the check-in at the door, full page (camera scanning or typed codes). */
export default function EventCheckInPage() {
  const { id } = useParams<{ id: string }>();
  const navigate = useNavigate();
  const event = useEvent(id);
  if (event.isLoading) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (!event.data) return <Result status="404" title="活动不存在" subTitle={event.error ? errorMessage(event.error) : undefined} />;
  const e = event.data;
  return (
    <PageContainer
      title={`签到 · ${e.title}`}
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/events/${e.id}`)} data-testid="check-in-back">
          返回活动
        </Button>
      }
    >
      <CheckInPanel event={e} />
    </PageContainer>
  );
}
