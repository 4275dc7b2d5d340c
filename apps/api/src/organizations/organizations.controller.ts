import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '@zj/shared';
import type { Actor } from '../common/auth/actor';
import { AnyRole, CurrentActor, Roles } from '../common/auth/policy.decorators';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { CreateOrganizationDto, ListOrganizationsQuery, UpdateOrganizationDto } from './dto/organization.dto';
import { OrganizationsService } from './organizations.service';

@ApiTags('organizations 机构')
@ApiBearerAuth()
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '机构列表（市金融工作局）' })
  @ApiErrors(400, 401, 403)
  list(@Query() query: ListOrganizationsQuery) {
    return this.organizations.list(query);
  }

  @Post()
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '新建机构（市金融工作局）：银行、政府部门、县区；企业亦可自助注册' })
  @ApiErrors(400, 401, 403, 409)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateOrganizationDto) {
    return this.organizations.create(actor, dto);
  }

  @Get(':id')
  @AnyRole()
  @ApiOperation({ summary: '机构详情（市金融工作局查看任意机构；其他角色仅本机构）' })
  @ApiErrors(401, 404)
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.organizations.get(actor, id);
  }

  @Patch(':id')
  @Roles(Role.BUREAU)
  @ApiOperation({ summary: '修改机构（市金融工作局）：更名保留曾用名' })
  @ApiErrors(400, 401, 403, 404)
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateOrganizationDto) {
    return this.organizations.update(actor, id, dto);
  }
}
