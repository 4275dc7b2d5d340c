import { Body, Controller, HttpCode, Ip, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth/policy.decorators';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { AuthService } from './auth.service';
import { LoginDto, LoginResponseDto, RefreshDto, RegisterEnterpriseDto } from './dto/auth.dto';
import { LoginAddressLimiter, LoginRateLimiter } from './login-rate-limiter';

@ApiTags('auth 认证')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @UseGuards(LoginAddressLimiter, LoginRateLimiter)
  @ApiOperation({
    summary:
      '登录（公开）：返回访问令牌、刷新令牌和用户信息。账号不存在、密码错误、账号已锁定均返回相同的 401；同一客户端地址登录失败过多返回 429',
  })
  @ApiErrors(400, 401, 403, 429)
  login(@Body() dto: LoginDto, @Ip() ip: string): Promise<LoginResponseDto> {
    return this.auth.login(dto.email, dto.password, ip);
  }

  @Post('refresh')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: '刷新令牌（公开）：刷新令牌只能使用一次，重复使用将注销整个会话（刚轮换后的短暂宽限期内重复使用，如两个标签页同时刷新，则返回同一会话的新令牌）' })
  @ApiErrors(400, 401)
  refresh(@Body() dto: RefreshDto): Promise<LoginResponseDto> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @Public()
  @ApiOperation({ summary: '退出登录（公开）：吊销该刷新令牌所在的会话，该会话的访问令牌随即失效' })
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
