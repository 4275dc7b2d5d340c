import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth/policy.decorators';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { AuthService } from './auth.service';
import { LoginDto, LoginResponseDto, RefreshDto, RegisterEnterpriseDto } from './dto/auth.dto';
import { LoginRateLimiter } from './login-rate-limiter';

@ApiTags('auth 认证')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @UseGuards(LoginRateLimiter)
  @ApiOperation({ summary: '登录（公开）：返回访问令牌、刷新令牌和用户信息' })
  @ApiErrors(400, 401, 403, 423, 429)
  login(@Body() dto: LoginDto): Promise<LoginResponseDto> {
    return this.auth.login(dto.email, dto.password);
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: '刷新令牌（公开）：刷新令牌只能使用一次，重复使用将注销整个会话' })
  @ApiErrors(400, 401)
  refresh(@Body() dto: RefreshDto): Promise<LoginResponseDto> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @Public()
  @ApiOperation({ summary: '退出登录（公开）：吊销该刷新令牌所在的会话' })
  @ApiErrors(400)
  async logout(@Body() dto: RefreshDto): Promise<void> {
    await this.auth.logout(dto.refreshToken);
  }

  @Post('register-enterprise')
  @Public()
  @UseGuards(LoginRateLimiter)
  @ApiOperation({ summary: '企业自助注册（公开）：创建企业机构和首个用户并登录' })
  @ApiErrors(400, 409, 429)
  register(@Body() dto: RegisterEnterpriseDto): Promise<LoginResponseDto> {
    return this.auth.registerEnterprise(dto);
  }
}
