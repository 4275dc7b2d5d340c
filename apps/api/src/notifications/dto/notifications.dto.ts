import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DeliveryStatus, ENDPOINT_CHANNELS, NOTIFICATION_LOCALES, NotificationChannel, NotificationType, USER_CHANNELS, NOTIFICATION_CHANNEL_LABELS } from '@zj/shared';
import type {
  AdminEndpointQueryParams,
  DeadLetterQueryParams,
  EndpointChannel,
  EndpointInput,
  EndpointUpdateInput,
  InboxQueryParams,
  NotificationLocale,
  NotificationPreferencesInput,
  NotificationTemplateInput,
  UserChannel,
} from '@zj/shared';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../common/http/pagination';
import { Trim } from '../../common/validation/validators';
import { oneOf } from '../../common/validation/messages';

const toBool = ({ value }: { value: unknown }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value);

export class InboxQuery extends PageQueryDto implements InboxQueryParams {
  @ApiPropertyOptional({ description: '只看未读' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: '只看未读应为是或否' })
  unreadOnly?: boolean;
}

export class PreferenceItemDto {
  @ApiProperty({ enum: NotificationType })
  @IsEnum(NotificationType, { message: '通知类型无效' })
  type: NotificationType;

  @ApiProperty({ enum: USER_CHANNELS, isArray: true })
  @IsArray({ message: '接收方式应为列表' })
  @ArrayUnique({ message: '接收方式不能重复' })
  @IsIn(USER_CHANNELS as readonly string[], { each: true, message: '接收方式只能是站内消息、电子邮件或短信' })
  channels: UserChannel[];

  @ApiProperty({ description: '电子邮件并入每日汇总（仅低优先级通知）' })
  @IsBoolean({ message: '并入每日汇总应为是或否' })
  digest: boolean;
}

export class UpdatePreferencesDto implements NotificationPreferencesInput {
  @ApiPropertyOptional({ enum: NOTIFICATION_LOCALES })
  @IsOptional()
  @IsIn(NOTIFICATION_LOCALES as readonly string[], { message: '语言只能是 zh-CN 或 en' })
  locale?: NotificationLocale;

  @ApiPropertyOptional({ description: '接收短信的手机号（11位），空字符串表示清除', nullable: true })
  @IsOptional()
  @Trim()
  @Matches(/^(1[3-9]\d{9})?$/, { message: '请输入11位手机号' })
  mobile?: string;

  @ApiPropertyOptional({ type: [PreferenceItemDto] })
  @IsOptional()
  @IsArray({ message: '通知设置应为列表' })
  @ArrayMaxSize(100, { message: '通知设置最多100项' })
  @ValidateNested({ each: true, message: '通知设置的每一项格式无效' })
  @Type(() => PreferenceItemDto)
  items?: PreferenceItemDto[];
}

const URL_OPTS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

export class CreateEndpointDto implements EndpointInput {
  @ApiProperty({ enum: ENDPOINT_CHANNELS, description: 'WECOM：企业微信群机器人；WEBHOOK：本机构系统回调（HMAC 签名）' })
  @IsIn(ENDPOINT_CHANNELS as readonly string[], { message: '类型只能是企业微信群机器人或 Webhook' })
  channel: EndpointChannel;

  @ApiProperty()
  @Trim()
  @IsString({ message: '名称应为文字' })
  @Length(1, 100, { message: '名称应为1至100个字' })
  name: string;

  @ApiProperty({ example: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…' })
  @Trim()
  @IsUrl(URL_OPTS, { message: '请输入 http(s) 地址' })
  @Length(1, 500, { message: '地址应为1至500个字符' })
  url: string;

  @ApiPropertyOptional({ enum: NotificationType, isArray: true, nullable: true, description: '只推送这些类型；不填为全部' })
  @IsOptional()
  @IsArray({ message: '推送的通知类型应为列表' })
  @ArrayUnique({ message: '推送的通知类型不能重复' })
  @IsEnum(NotificationType, { each: true, message: '通知类型无效' })
  types?: NotificationType[] | null;
}

export class UpdateEndpointDto implements EndpointUpdateInput {
  @ApiProperty({ description: '读取时的版本号；已被他人修改时返回 409' })
  @IsInt({ message: '版本号应为不小于1的整数' })
  @Min(1, { message: '版本号应为不小于1的整数' })
  version: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString({ message: '名称应为文字' })
  @Length(1, 100, { message: '名称应为1至100个字' })
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsUrl(URL_OPTS, { message: '请输入 http(s) 地址' })
  @Length(1, 500, { message: '地址应为1至500个字符' })
  url?: string;

  @ApiPropertyOptional({ enum: NotificationType, isArray: true, nullable: true })
  @IsOptional()
  @IsArray({ message: '推送的通知类型应为列表' })
  @ArrayUnique({ message: '推送的通知类型不能重复' })
  @IsEnum(NotificationType, { each: true, message: '通知类型无效' })
  types?: NotificationType[] | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: '启用应为是或否' })
  enabled?: boolean;

  @ApiPropertyOptional({ description: '为 true 时生成新的签名密钥（只在本次返回中显示）' })
  @IsOptional()
  @IsBoolean({ message: '生成新的签名密钥应为是或否' })
  rotateSecret?: boolean;
}

export class SaveTemplateDto implements NotificationTemplateInput {
  @ApiProperty()
  @IsString({ message: '标题应为文字' })
  @Length(1, 300, { message: '标题应为1至300个字' })
  subject: string;

  @ApiProperty()
  @IsString({ message: '正文应为文字' })
  @Length(1, 5000, { message: '正文应为1至5000个字' })
  body: string;
}

export class TemplateParams {
  @IsEnum(NotificationType, { message: '通知类型无效' })
  type: NotificationType;

  @IsIn(NOTIFICATION_LOCALES as readonly string[], { message: '语言只能是 zh-CN 或 en' })
  locale: NotificationLocale;
}

export class DeadLetterQuery extends PageQueryDto implements DeadLetterQueryParams {
  @ApiPropertyOptional({ enum: NotificationChannel })
  @IsOptional()
  @IsEnum(NotificationChannel, { message: oneOf('渠道', NOTIFICATION_CHANNEL_LABELS) })
  channel?: NotificationChannel;

  @ApiPropertyOptional({ enum: NotificationType })
  @IsOptional()
  @IsEnum(NotificationType, { message: '通知类型无效，请从列表中选择' })
  type?: NotificationType;
}

export class AdminEndpointQuery extends PageQueryDto implements AdminEndpointQueryParams {
  @ApiPropertyOptional({ description: '只看该机构的推送地址' })
  @IsOptional()
  @IsUUID('all', { message: '机构无效，请从列表中选择' })
  organizationId?: string;

  @ApiPropertyOptional({ enum: ENDPOINT_CHANNELS })
  @IsOptional()
  @IsIn(ENDPOINT_CHANNELS as readonly string[], { message: '类型只能是企业微信群机器人或 Webhook' })
  channel?: EndpointChannel;

  @ApiPropertyOptional({ description: '按名称、地址或机构名称查找' })
  @IsOptional()
  @Trim()
  @IsString({ message: '关键词应为文字' })
  @Length(1, 100, { message: '关键词应为1至100个字' })
  q?: string;
}

export class OrganizationParams {
  @IsUUID('all', { message: '机构无效' })
  organizationId: string;
}

export const DELIVERY_STATUSES = Object.values(DeliveryStatus);
