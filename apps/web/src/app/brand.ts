export const PLATFORM_NAME = '湛江绿色金融对接平台';
export const PLATFORM_SUBTITLE = '绿色企业库 · 绿色项目库 · 银企融资对接';
/** The platform's green. */
export const PRIMARY_COLOR = '#1f7a4d';
