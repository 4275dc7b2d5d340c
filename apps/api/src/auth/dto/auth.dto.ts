import { ApiProperty } from '@nestjs/swagger';
import { type LoginRequest, type RegisterEnterpriseRequest, TEXT_LIMITS } from '@zj/shared';
import { IsEmail, IsString, Length, MaxLength, MinLength } from 'class-validator';
import { IsCreditCode, IsDivisionCode, Trim } from '../../common/validation/validators';
import { TextLength } from '../../common/validation/text-length';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'bureau@demo.zj.gov.cn' })
  @Trim('lower')
  @IsEmail({}, { message: '请输入有效的邮箱' })
  email: string;

  @ApiProperty()
  @IsString({ message: '密码应为文字' })
  @MinLength(1, { message: '请输入密码' })
  @MaxLength(128, { message: '密码不能超过128个字符' })
  password: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString({ message: '刷新令牌应为文字' })
  @Length(20, 200, { message: '刷新令牌应为20至200个字符' })
  refreshToken: string;
}

export class RegisterEnterpriseDto implements RegisterEnterpriseRequest {
  @ApiProperty()
  @Trim('lower')
  @IsEmail({}, { message: '请输入有效的登录邮箱' })
  email: string;

  @ApiProperty({ description: '至少10位，含大写、小写、数字、符号中的三类' })
  @IsString({ message: '密码应为文字' })
  @MaxLength(128, { message: '密码不能超过128个字符' })
  password: string;

  @ApiProperty({ example: '张经理' })
  @Trim()
  @IsString({ message: '联系人姓名应为文字' })
  @TextLength(TEXT_LIMITS.personName, '联系人姓名')
  displayName: string;

  @ApiProperty({ example: '雷州红树湾生态修复有限公司' })
  @Trim()
  @IsString({ message: '企业名称应为文字' })
  @TextLength(TEXT_LIMITS.organizationName, '企业名称')
  enterpriseName: string;

  @ApiProperty({ example: '91440882MA55ABCD1X' })
  @Trim('upper')
  @IsCreditCode()
  creditCode: string;

  @ApiProperty({ example: '440882' })
  @IsDivisionCode({ message: '所在区县应为湛江市的县（市、区）或园区' })
  divisionCode: string;
}

export class AuthUserDto {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty() role: string;
  @ApiProperty() organization: { id: string; name: string; type: string };
  @ApiProperty() mustChangePassword: boolean;
  @ApiProperty({ required: false, description: '须先修改密码（密码来自配置或已公开）：修改前其他接口均返回 403 AUTH_PASSWORD_CHANGE_REQUIRED' })
  passwordChangeRequired?: boolean;
}

export class LoginResponseDto {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ type: AuthUserDto }) user: AuthUserDto;
}
