import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '@zj/shared';
import type { Actor } from '../common/auth/actor';
import { AllowedBeforePasswordChange, AnyRole, CurrentActor, Roles } from '../common/auth/policy.decorators';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { ChangePasswordDto, CreateUserDto, ListUsersQuery, UpdateMeDto, UpdateUserDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users 用户')
@ApiBearerAuth()
@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('users')
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '用户列表（市金融工作局）' })
  @ApiErrors(400, 401, 403)
  list(@Query() query: ListUsersQuery) {
    return this.users.list(query);
  }

  @Post('users')
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '新建用户（市金融工作局）：银行、政府部门、县区账号' })
  @ApiErrors(400, 401, 403, 409)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto) {
    return this.users.create(actor, dto);
  }

  @Patch('users/:id')
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '修改用户（市金融工作局）：姓名、启用/停用' })
  @ApiErrors(400, 401, 403, 404)
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(actor, id, dto);
  }

  @Post('users/:id/unlock')
  @HttpCode(200)
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '解除锁定（市金融工作局）' })
  @ApiErrors(401, 403, 404)
  unlock(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.users.unlock(actor, id);
  }

  @Get('me')
  @AnyRole()
  @AllowedBeforePasswordChange()
  @ApiOperation({ summary: '当前用户（任意已登录用户）' })
  @ApiErrors(401)
  me(@CurrentActor() actor: Actor) {
    return this.users.me(actor);
  }

  @Patch('me')
  @AnyRole()
  @ApiOperation({ summary: '修改个人资料（任意已登录用户）' })
  @ApiErrors(400, 401)
  updateMe(@CurrentActor() actor: Actor, @Body() dto: UpdateMeDto) {
    return this.users.updateMe(actor, dto.displayName);
  }

  @Post('me/password')
  @HttpCode(204)
  @AnyRole()
  @AllowedBeforePasswordChange()
  @ApiOperation({ summary: '修改密码（任意已登录用户）：之后所有会话失效，须重新登录' })
  @ApiErrors(400, 401)
  async changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.users.changePassword(actor, dto);
  }
}
