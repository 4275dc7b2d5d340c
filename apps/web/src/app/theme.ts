import type { ThemeConfig } from 'antd';
import { PRIMARY_COLOR } from './brand';

/** A calm, government-style theme: one green, neutral greys, compact spacing. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: PRIMARY_COLOR,
    colorLink: PRIMARY_COLOR,
    colorInfo: '#2f6f9f',
    colorSuccess: '#2e8b57',
    colorBgLayout: '#f2f5f3',
    borderRadius: 4,
    fontSize: 14,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Layout: {
      headerBg: '#16603b',
      headerHeight: 56,
      headerPadding: '0 20px',
      siderBg: '#ffffff',
      bodyBg: '#f2f5f3',
    },
    Menu: {
      itemSelectedBg: '#e6f2ec',
      itemSelectedColor: PRIMARY_COLOR,
      itemBorderRadius: 4,
    },
    Table: {
      headerBg: '#f5f8f6',
      headerColor: '#333',
    },
    Card: {
      headerFontSize: 15,
    },
  },
};
