import type { ButtonProps } from 'antd';

/**
 * `data-testid` for props objects that are not JSX attributes (e.g. a Modal's okButtonProps),
 * where TypeScript would reject the hyphenated key.
 */
export function testId(id: string): ButtonProps {
  return { 'data-testid': id } as ButtonProps;
}
