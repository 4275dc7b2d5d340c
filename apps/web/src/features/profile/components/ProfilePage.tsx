import { Col, Row } from 'antd';
import { PageContainer } from '../../../components/PageContainer';
import { useFreshMe } from '../hooks/use-profile';
import { ChangePasswordCard } from './ChangePasswordCard';
import { ProfileInfoCard } from './ProfileInfoCard';

/** 个人资料: own details (GET/PATCH /me) and password change (POST /me/password). */
export default function ProfilePage() {
  useFreshMe();
  return (
    <PageContainer title="个人资料">
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <ProfileInfoCard />
        </Col>
        <Col xs={24} lg={12}>
          <ChangePasswordCard />
        </Col>
      </Row>
    </PageContainer>
  );
}
