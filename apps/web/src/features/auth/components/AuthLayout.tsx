import type { ReactNode } from 'react';
import { Card, Flex, Typography } from 'antd';
import { PLATFORM_NAME, PLATFORM_SUBTITLE } from '../../../app/brand';
import { BrandMark } from '../../../components/BrandMark';

/** The frame of the pages one sees before signing in. */
export function AuthLayout({ title, width = 420, children }: { title: string; width?: number; children: ReactNode }) {
  return (
    <Flex className="zj-auth" vertical align="center" justify="center">
      <Flex align="center" gap={12} className="zj-auth-brand">
        <BrandMark size={40} />
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {PLATFORM_NAME}
          </Typography.Title>
          <Typography.Text type="secondary">{PLATFORM_SUBTITLE}</Typography.Text>
        </div>
      </Flex>
      <Card className="zj-auth-card" style={{ width: '100%', maxWidth: width }}>
        <Typography.Title level={4} data-testid="page-title" style={{ marginTop: 0 }}>
          {title}
        </Typography.Title>
        {children}
      </Card>
      <Typography.Text type="secondary" className="zj-auth-footer">
        主办单位：湛江市金融工作局
      </Typography.Text>
    </Flex>
  );
}
