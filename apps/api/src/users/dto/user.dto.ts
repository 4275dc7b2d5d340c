import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Role, UserStatus, ROLE_LABELS, TEXT_LIMITS, type ChangePasswordRequest, type UpdateProfileRequest, type UserInput, type UserListParams, type UserUpdateInput } from '@zj/shared';
import { IsEmail, IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/http/pagination';
import { Trim } from '../../common/validation/validators';
import { TextLength } from '../../common/validation/text-length';
import { oneOf } from '../../common/validation/messages';

export class CreateUserDto implements UserInput {
  @ApiProperty()
  @Trim('lower')
  @IsEmail({}, { message: '请输入有效的登录邮箱' })
  email: string;

  @ApiProperty()
  @Trim()
  @IsString({ message: '姓名应为文字' })
  @TextLength(TEXT_LIMITS.personName, '姓名')
  displayName: string;

  @ApiProperty({ enum: Role })
  @IsEnum(Role, { message: oneOf('角色', ROLE_LABELS) })
  role: Role;

  @ApiProperty()
  @IsUUID('all', { message: '所属机构无效' })
  organizationId: string;

  @ApiProperty({ description: '初始密码；用户首次登录后须修改' })
  @IsString({ message: '初始密码应为文字' })
  @MaxLength(128, { message: '初始密码不能超过128个字符' })
  password: string;
}

export class UpdateUserDto implements UserUpdateInput {
  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString({ message: '姓名应为文字' })
  @TextLength(TEXT_LIMITS.personName, '姓名')
  displayName?: string;

  @ApiPropertyOptional({ enum: UserStatus })
  @IsOptional()
  @IsEnum(UserStatus, { message: '状态应为启用（ACTIVE）或停用（DISABLED）' })
  status?: UserStatus;
}

export class ListUsersQuery extends PageQueryDto implements UserListParams {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: '所属机构无效' })
  organizationId?: string;

  @ApiPropertyOptional({ enum: Role })
  @IsOptional()
  @IsEnum(Role, { message: oneOf('角色', ROLE_LABELS) })
  role?: Role;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: '关键词应为文字' })
  @Length(1, 100, { message: '关键词应为1至100个字' })
  q?: string;
}

export class UpdateMeDto implements UpdateProfileRequest {
  @ApiProperty()
  @Trim()
  @IsString({ message: '姓名应为文字' })
  @TextLength(TEXT_LIMITS.personName, '姓名')
  displayName: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty()
  @IsString({ message: '当前密码应为文字' })
  @MaxLength(128, { message: '当前密码不能超过128个字符' })
  currentPassword: string;

  @ApiProperty()
  @IsString({ message: '新密码应为文字' })
  @MaxLength(128, { message: '新密码不能超过128个字符' })
  newPassword: string;
}
