import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Role, UserStatus } from '@zj/shared';
import { IsEmail, IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/http/pagination';
import { Trim } from '../../common/validation/validators';

export class CreateUserDto {
  @ApiProperty()
  @Trim('lower')
  @IsEmail({}, { message: '请输入有效的电子邮箱' })
  email: string;

  @ApiProperty()
  @Trim()
  @IsString()
  @Length(1, 100)
  displayName: string;

  @ApiProperty({ enum: Role })
  @IsEnum(Role, { message: '角色无效' })
  role: Role;

  @ApiProperty()
  @IsUUID('all', { message: '机构编号无效' })
  organizationId: string;

  @ApiProperty({ description: '初始密码；用户首次登录后须修改' })
  @IsString()
  @MaxLength(128)
  password: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 100)
  displayName?: string;

  @ApiPropertyOptional({ enum: UserStatus })
  @IsOptional()
  @IsEnum(UserStatus, { message: '状态无效' })
  status?: UserStatus;
}

export class ListUsersQuery extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({ enum: Role })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
}

export class UpdateMeDto {
  @ApiProperty()
  @Trim()
  @IsString()
  @Length(1, 100)
  displayName: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(128)
  currentPassword: string;

  @ApiProperty()
  @IsString()
  @MaxLength(128)
  newPassword: string;
}
