import { useEffect, type ReactNode } from 'react';
import { Flex, Typography } from 'antd';
import { PLATFORM_NAME } from '../app/brand';

interface PageContainerProps {
  title: string;
  /** Buttons shown at the right of the heading. */
  extra?: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
}

/** Every page's frame: the heading (`data-testid="page-title"`), its actions and the content. */
export function PageContainer({ title, extra, description, children }: PageContainerProps) {
  useEffect(() => {
    document.title = `${title} - ${PLATFORM_NAME}`;
  }, [title]);

  return (
    <div className="zj-page">
      <Flex className="zj-page-header" justify="space-between" align="center" gap={12} wrap>
        <Typography.Title level={4} data-testid="page-title" style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra ? <Flex gap={8}>{extra}</Flex> : null}
      </Flex>
      {description ? (
        <Typography.Paragraph type="secondary" className="zj-page-description">
          {description}
        </Typography.Paragraph>
      ) : null}
      {children}
    </div>
  );
}
