import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type EventAgendaItem, type EventInput, EventStatus, EventType, type EventUpdateInput, EVENT_STATUS_LABELS, EVENT_TYPE_LABELS, MAX_EVENT_CAPACITY, TEXT_LIMITS } from '@zj/shared';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsEnum,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidationArguments,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../common/http/pagination';
import { Trim } from '../../common/validation/validators';
import { TextLength } from '../../common/validation/text-length';
import { MAX_AGENDA_ITEMS } from '../event-rules';
import { oneOf } from '../../common/validation/messages';

const toBool = ({ value }: { value: unknown }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value);

const TIME = { strict: true }, TIME_MSG = { message: '开始时间格式应为 ISO 8601，如 2026-05-20T09:30:00+08:00' };

/** Present and not null (null clears an optional field in a change). */
const given = (_: object, v: unknown) => v !== undefined && v !== null;

/** One session of the agenda (议程). */
export class AgendaItemDto implements EventAgendaItem {
  @ApiProperty({ example: '2026-05-20T09:30:00+08:00' })
  @IsDateString(TIME, { message: '议程开始时间格式应为 ISO 8601' })
  startsAt: string;

  @ApiProperty({ example: '2026-05-20T10:00:00+08:00' })
  @IsDateString(TIME, { message: '议程结束时间格式应为 ISO 8601' })
  endsAt: string;

  @ApiProperty({ example: '绿色金融政策宣讲' })
  @Trim()
  @IsString({ message: '议程名称应为文字' })
  @TextLength(TEXT_LIMITS.agendaTitle, '议程名称', '字')
  title: string;

  @ApiPropertyOptional({ example: '市金融工作局 张科长' })
  @IsOptional()
  @Trim()
  @IsString({ message: '主讲人应为文字' })
  @TextLength(TEXT_LIMITS.agendaSpeaker, '主讲人', '字')
  speaker?: string | null;
}

/** The fields a 对接会 adds to an event (create and change alike; in a change, null clears). */
class EventDetailsDto {
  @ApiPropertyOptional({ example: '2026-05-20T12:00:00+08:00', description: '结束时间（晚于开始时间）' })
  @ValidateIf(given)
  @IsDateString(TIME, { message: '结束时间格式应为 ISO 8601，如 2026-05-20T12:00:00+08:00' })
  endsAt?: string | null;

  @ApiPropertyOptional({ example: 'https://meeting.example.com/j/123456', description: '线上参会链接' })
  @ValidateIf(given)
  @Trim()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: '线上参会链接应为 http(s) 网址' })
  @TextLength(TEXT_LIMITS.eventOnlineLink, '线上参会链接', '字符')
  onlineLink?: string | null;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_EVENT_CAPACITY, description: '报名名额（正式报名的机构数）；不填为不限，满额后进入候补' })
  @ValidateIf(given)
  @IsInt({ message: '名额应为整数' })
  @Min(1, { message: `名额应为1至${MAX_EVENT_CAPACITY}` })
  @Max(MAX_EVENT_CAPACITY, { message: `名额应为1至${MAX_EVENT_CAPACITY}` })
  capacity?: number | null;

  @ApiPropertyOptional({ example: '2026-05-18T18:00:00+08:00', description: '报名截止时间（不晚于开始时间）' })
  @ValidateIf(given)
  @IsDateString(TIME, { message: '报名截止时间格式应为 ISO 8601' })
  registrationDeadline?: string | null;

  @ApiPropertyOptional({ default: false, description: '报名须经市金融工作局审核' })
  @IsOptional()
  @IsBoolean({ message: '是否审核应为 true 或 false' })
  requiresApproval?: boolean;

  @ApiPropertyOptional({ default: true, description: 'true：企业和金融机构均可报名；false：仅受邀机构可报名' })
  @IsOptional()
  @IsBoolean({ message: '是否公开报名应为 true 或 false' })
  isPublic?: boolean;

  @ApiPropertyOptional({ type: [String], description: '联合主办单位（政府部门、县区，如人民银行湛江市分行、金融监管分局）' })
  @IsOptional()
  @IsArray({ message: '联合主办单位应为列表' })
  @ArrayMaxSize(20, { message: '联合主办单位不能超过20个' })
  @IsUUID('all', { each: true, message: '联合主办单位 id 无效' })
  coOrganizerOrgIds?: string[];

  @ApiPropertyOptional({ type: [AgendaItemDto], description: `议程（最多${MAX_AGENDA_ITEMS}项）` })
  @IsOptional()
  @IsArray({ message: '议程应为列表' })
  @ArrayMaxSize(MAX_AGENDA_ITEMS, { message: `议程最多${MAX_AGENDA_ITEMS}项` })
  @ValidateNested({ each: true, message: '议程的每一项格式无效' })
  @Type(() => AgendaItemDto)
  agenda?: AgendaItemDto[];
}

export class CreateEventDto extends EventDetailsDto implements EventInput {
  @ApiProperty({ enum: EventType })
  @IsEnum(EventType, { message: '活动类型应为 AWARENESS（宣讲）、SHOWCASE（推介）或 MATCHMAKING（对接会）' })
  type: EventType;

  @ApiProperty({ example: '2026年湛江市绿色金融产品推介会' })
  @Trim()
  @IsString({ message: '标题应为文字' })
  @TextLength(TEXT_LIMITS.eventTitle, '标题', '字')
  title: string;

  @ApiProperty({ example: '2026-05-20T09:30:00+08:00' })
  @IsDateString(TIME, TIME_MSG)
  startsAt: string;

  @ApiProperty({ example: '湛江市民大厦三楼会议室' })
  @Trim()
  @IsString({ message: '地点应为文字' })
  @TextLength(TEXT_LIMITS.eventVenue, '地点', '字')
  venue: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString({ message: '说明应为文字' })
  @TextLength(TEXT_LIMITS.eventDescription, '说明', '字')
  description?: string;

  @ApiPropertyOptional({ type: [String], description: '受邀机构（其用户收到邀请，并在开始前一天、一小时收到提醒）' })
  @IsOptional()
  @IsArray({ message: '受邀机构应为列表' })
  @ArrayMaxSize(2000, { message: '受邀机构不能超过2000个' })
  @IsUUID('all', { each: true, message: '受邀机构 id 无效' })
  invitedOrganizationIds?: string[];
}

export class UpdateEventDto extends EventDetailsDto implements EventUpdateInput {
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
  @TextLength(TEXT_LIMITS.eventTitle, '标题', '字')
  title?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDateString(TIME, TIME_MSG)
  startsAt?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString({ message: '地点应为文字' })
  @TextLength(TEXT_LIMITS.eventVenue, '地点', '字')
  venue?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString({ message: '说明应为文字' })
  @TextLength(TEXT_LIMITS.eventDescription, '说明', '字')
  description?: string | null;

  @ApiPropertyOptional({ type: [String], description: '受邀机构（替换整个名单；发布后新受邀的机构收到邀请，并在开始前一天、一小时收到提醒）' })
  @IsOptional()
  @IsArray({ message: '受邀机构应为列表' })
  @ArrayMaxSize(2000, { message: '受邀机构不能超过2000个' })
  @IsUUID('all', { each: true, message: '受邀机构 id 无效' })
  invitedOrganizationIds?: string[];
}

/** A step of the bureau (publish, close registration, start): the version read. */
export class EventStepDto {
  @ApiProperty({ description: '读取时的版本号' })
  @IsInt({ message: '版本号应为整数' })
  version: number;
}

export class EventStatusDto {
  @ApiProperty()
  @IsInt({ message: '版本号应为整数' })
  version: number;

  @ApiProperty({ enum: [EventStatus.HELD, EventStatus.CANCELLED] })
  @IsIn([EventStatus.HELD, EventStatus.CANCELLED], { message: '状态应为 HELD（已举办）或 CANCELLED（已取消）' })
  status: EventStatus.HELD | EventStatus.CANCELLED;

  @ApiPropertyOptional({ description: '举办情况（标记已举办时必填：到场机构、会谈和签约等）或取消原因' })
  @ValidateIf((o: EventStatusDto) => o.status === EventStatus.HELD || (o.note !== undefined && o.note !== null))
  @Trim()
  @IsString({ message: '说明应为文字' })
  @IsNotEmpty({ message: (a: ValidationArguments) => ((a.object as EventStatusDto).status === EventStatus.HELD ? '请填写举办情况' : '请填写取消原因') })
  @MaxLength(500, { message: '说明不能超过500字' })
  note?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100000, description: '参会人数（标记已举办时必填）' })
  @ValidateIf((o: EventStatusDto) => o.status === EventStatus.HELD || o.attendanceCount !== undefined)
  @IsInt({ message: '参会人数应为1至100000的整数' })
  @Min(1, { message: '参会人数应为1至100000的整数' })
  @Max(100000, { message: '参会人数应为1至100000的整数' })
  attendanceCount?: number;
}

export class ListEventsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: EventType })
  @IsOptional()
  @IsEnum(EventType, { message: oneOf('活动类型', EVENT_TYPE_LABELS) })
  type?: EventType;

  @ApiPropertyOptional({ enum: EventStatus })
  @IsOptional()
  @IsEnum(EventStatus, { message: oneOf('状态', EVENT_STATUS_LABELS) })
  status?: EventStatus;

  @ApiPropertyOptional({ description: '举办年份（北京时间）' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '年份应为2000至2100的整数' })
  @Min(2000, { message: '年份应为2000至2100的整数' })
  @Max(2100, { message: '年份应为2000至2100的整数' })
  year?: number;

  @ApiPropertyOptional({ description: 'true：只看本机构受邀的活动；false：只看未受邀的' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: '是否受邀应为是或否（true 或 false）' })
  invited?: boolean;

  @ApiPropertyOptional({ description: 'true：只看本机构已报名（待审核、已报名、候补）的活动；false：只看未报名的' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: '是否已报名应为是或否（true 或 false）' })
  registered?: boolean;
}
