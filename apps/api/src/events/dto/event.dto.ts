import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EventStatus, EventType } from '@zj/shared';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDateString, IsEnum, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { PageQueryDto } from '../../common/http/pagination';
import { Trim } from '../../common/validation/validators';

const toBool = ({ value }: { value: unknown }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value);

const TIME = { strict: true }, TIME_MSG = { message: '时间格式应为 ISO 8601，如 2026-05-20T09:30:00+08:00' };

export class CreateEventDto {
  @ApiProperty({ enum: EventType })
  @IsEnum(EventType, { message: '活动类型应为 AWARENESS（宣讲）、SHOWCASE（推介）或 MATCHMAKING（对接会）' })
  type: EventType;

  @ApiProperty({ example: '2026年湛江市绿色金融产品推介会' })
  @Trim()
  @IsString({ message: '标题应为文字' })
  @Length(2, 200, { message: '标题应为2至200字' })
  title: string;

  @ApiProperty({ example: '2026-05-20T09:30:00+08:00' })
  @IsDateString(TIME, TIME_MSG)
  startsAt: string;

  @ApiProperty({ example: '湛江市民大厦三楼会议室' })
  @Trim()
  @IsString({ message: '地点应为文字' })
  @Length(2, 200, { message: '地点应为2至200字' })
  venue: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString({ message: '说明应为文字' })
  @MaxLength(5000, { message: '说明不能超过5000字' })
  description?: string;

  @ApiPropertyOptional({ type: [String], description: '受邀机构（其用户收到邀请，并在开始前一天、一小时收到提醒）' })
  @IsOptional()
  @IsArray({ message: '受邀机构应为列表' })
  @ArrayMaxSize(2000, { message: '受邀机构不能超过2000个' })
  @IsUUID('all', { each: true, message: '受邀机构 id 无效' })
  invitedOrganizationIds?: string[];
}

export class UpdateEventDto {
  @ApiProperty({ description: '读取时的版本号' })
  @IsInt({ message: '版本号应为整数' })
  version: number;

  @ApiPropertyOptional({ enum: EventType })
  @IsOptional()
  @IsEnum(EventType, { message: '活动类型无效' })
  type?: EventType;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString({ message: '标题应为文字' })
  @Length(2, 200, { message: '标题应为2至200字' })
  title?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDateString(TIME, TIME_MSG)
  startsAt?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString({ message: '地点应为文字' })
  @Length(2, 200, { message: '地点应为2至200字' })
  venue?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString({ message: '说明应为文字' })
  @MaxLength(5000, { message: '说明不能超过5000字' })
  description?: string;

  @ApiPropertyOptional({ type: [String], description: '受邀机构（其用户收到邀请，并在开始前一天、一小时收到提醒）' })
  @IsOptional()
  @IsArray({ message: '受邀机构应为列表' })
  @ArrayMaxSize(2000, { message: '受邀机构不能超过2000个' })
  @IsUUID('all', { each: true, message: '受邀机构 id 无效' })
  invitedOrganizationIds?: string[];
}

export class EventStatusDto {
  @ApiProperty()
  @IsInt({ message: '版本号应为整数' })
  version: number;

  @ApiProperty({ enum: [EventStatus.HELD, EventStatus.CANCELLED] })
  @IsIn([EventStatus.HELD, EventStatus.CANCELLED], { message: '状态应为 HELD（已举办）或 CANCELLED（已取消）' })
  status: EventStatus.HELD | EventStatus.CANCELLED;

  @ApiPropertyOptional({ description: '取消原因或举办情况' })
  @IsOptional()
  @Trim()
  @IsString({ message: '说明应为文字' })
  @MaxLength(500, { message: '说明不能超过500字' })
  note?: string;
}

export class ListEventsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: EventType })
  @IsOptional()
  @IsEnum(EventType, { message: '活动类型无效' })
  type?: EventType;

  @ApiPropertyOptional({ enum: EventStatus })
  @IsOptional()
  @IsEnum(EventStatus, { message: '状态无效' })
  status?: EventStatus;

  @ApiPropertyOptional({ description: '举办年份（北京时间）' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '年份应为整数' })
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ description: 'true：只看本机构受邀的活动；false：只看未受邀的' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'invited 应为 true 或 false' })
  invited?: boolean;
}
