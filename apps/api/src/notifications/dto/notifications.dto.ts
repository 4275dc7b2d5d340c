import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DeliveryStatus, ENDPOINT_CHANNELS, NOTIFICATION_LOCALES, NotificationChannel, NotificationType, USER_CHANNELS } from '@zj/shared';
import type { EndpointChannel, NotificationLocale, UserChannel } from '@zj/shared';
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
  Length,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../common/http/pagination';
import { Trim } from '../../common/validation/validators';

const toBool = ({ value }: { value: unknown }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value);

export class InboxQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: '只看未读' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  unreadOnly?: boolean;
}

export class PreferenceItemDto {
  @ApiProperty({ enum: NotificationType })
  @IsEnum(NotificationType, { message: '通知类型无效' })
  type: NotificationType;

  @ApiProperty({ enum: USER_CHANNELS, isArray: true })
  @IsArray()
  @ArrayUnique()
  @IsIn(USER_CHANNELS as readonly string[], { each: true, message: '接收方式只能是站内消息、电子邮件或短信' })
  channels: UserChannel[];

  @ApiProperty({ description: '电子邮件并入每日汇总（仅低优先级通知）' })
  @IsBoolean()
  digest: boolean;
}

export class UpdatePreferencesDto {
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
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PreferenceItemDto)
  items?: PreferenceItemDto[];
}

const URL_OPTS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

export class CreateEndpointDto {
  @ApiProperty({ enum: ENDPOINT_CHANNELS, description: 'WECOM：企业微信群机器人；WEBHOOK：本机构系统回调（HMAC 签名）' })
  @IsIn(ENDPOINT_CHANNELS as readonly string[], { message: '类型只能是企业微信群机器人或 Webhook' })
  channel: EndpointChannel;

  @ApiProperty()
  @Trim()
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ example: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…' })
  @Trim()
  @IsUrl(URL_OPTS, { message: '请输入 http(s) 地址' })
  @Length(1, 500)
  url: string;

  @ApiPropertyOptional({ enum: NotificationType, isArray: true, nullable: true, description: '只推送这些类型；不填为全部' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsEnum(NotificationType, { each: true, message: '通知类型无效' })
  types?: NotificationType[] | null;
}

export class UpdateEndpointDto {
  @ApiProperty({ description: '读取时的版本号；已被他人修改时返回 409' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsUrl(URL_OPTS, { message: '请输入 http(s) 地址' })
  @Length(1, 500)
  url?: string;

  @ApiPropertyOptional({ enum: NotificationType, isArray: true, nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsEnum(NotificationType, { each: true, message: '通知类型无效' })
  types?: NotificationType[] | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ description: '为 true 时生成新的签名密钥（只在本次返回中显示）' })
  @IsOptional()
  @IsBoolean()
  rotateSecret?: boolean;
}

export class SaveTemplateDto {
  @ApiProperty()
  @IsString()
  @Length(1, 300)
  subject: string;

  @ApiProperty()
  @IsString()
  @Length(1, 5000)
  body: string;
}

export class TemplateParams {
  @IsEnum(NotificationType, { message: '通知类型无效' })
  type: NotificationType;

  @IsIn(NOTIFICATION_LOCALES as readonly string[], { message: '语言只能是 zh-CN 或 en' })
  locale: NotificationLocale;
}

export class DeadLetterQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: NotificationChannel })
  @IsOptional()
  @IsEnum(NotificationChannel)
  channel?: NotificationChannel;

  @ApiPropertyOptional({ enum: NotificationType })
  @IsOptional()
  @IsEnum(NotificationType)
  type?: NotificationType;
}

export const DELIVERY_STATUSES = Object.values(DeliveryStatus);
