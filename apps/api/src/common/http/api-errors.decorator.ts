import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

class ApiErrorDetail {
  @ApiProperty({ example: 'VALIDATION_FAILED' }) code: string;
  @ApiProperty({ example: '请求参数有误：融资金额应在0.01至10000000万元之间，最多2位小数' }) message: string;
  @ApiPropertyOptional({ example: [{ field: 'amount', messages: ['应为最多2位小数的数字字符串'] }] }) details?: unknown;
  @ApiProperty({ example: '2b1f0c8e-2f7c-4d8a-9a57-0f6b3f0c2d11' }) requestId: string;
}

export class ApiErrorResponse {
  @ApiProperty({ type: ApiErrorDetail }) error: ApiErrorDetail;
}

const DESCRIPTIONS: Record<number, string> = {
  400: '请求无效（VALIDATION_FAILED / MALFORMED_JSON，details 列出每个错误字段）',
  401: '未登录或令牌无效（UNAUTHENTICATED）',
  403: '角色无权调用（FORBIDDEN）',
  404: '不存在或不属于本机构（NOT_FOUND）',
  409: '冲突：重复或已被他人修改（CONFLICT）',
  413: '内容过大（PAYLOAD_TOO_LARGE）',
  423: '账号已锁定（AUTH_ACCOUNT_LOCKED）',
  429: '请求过于频繁（RATE_LIMITED）',
};

/** Documents the error responses of a route, all in the one error shape. */
export function ApiErrors(...statuses: number[]) {
  return applyDecorators(
    ApiExtraModels(ApiErrorResponse),
    ...statuses.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status] ?? '错误', schema: { $ref: getSchemaPath(ApiErrorResponse) } })),
  );
}
