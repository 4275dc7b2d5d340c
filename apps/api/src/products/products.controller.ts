import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '@zj/shared';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Public, Roles } from '../common/auth/policy.decorators';
import { ApiErrors } from '../common/http/api-errors.decorator';
import { CreateProductDto, ListProductsQuery, MyProductsQuery, ProductVersionDto, UpdateProductDto } from './dto/product.dto';
import { OptionalActor } from './optional-actor';
import { ProductsService } from './products.service';

@ApiTags('products 绿色金融产品')
@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: '绿色金融产品超市（公开）：已发布且在有效期内的产品，可按类型、区域、类别、金额、标签筛选' })
  @ApiErrors(400)
  catalogue(@Query() q: ListProductsQuery) {
    return this.products.catalogue(q);
  }

  @Get('mine')
  @Roles(Role.BANK)
  @ApiOperation({ summary: '本机构的产品（含草稿、已下架）' })
  @ApiErrors(400, 401, 403)
  mine(@CurrentActor() actor: Actor, @Query() q: MyProductsQuery) {
    return this.products.listMine(actor, q);
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: '产品详情：已发布的公开；草稿仅本机构可见' })
  @ApiErrors(404)
  get(@OptionalActor() actor: Actor | undefined, @Param('id', ParseUUIDPipe) id: string) {
    return this.products.get(actor, id);
  }

  @Post()
  @Roles(Role.BANK)
  @ApiOperation({ summary: '新建产品（草稿）' })
  @ApiErrors(400, 401, 403)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateProductDto) {
    return this.products.create(actor, dto);
  }

  @Patch(':id')
  @Roles(Role.BANK)
  @ApiOperation({ summary: '修改产品（须带版本号）' })
  @ApiErrors(400, 401, 403, 404, 409)
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateProductDto) {
    return this.products.update(actor, id, dto);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Roles(Role.BANK)
  @ApiOperation({ summary: '发布产品（进入公开的产品超市并参与匹配）' })
  @ApiErrors(400, 401, 403, 404, 409)
  publish(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ProductVersionDto) {
    return this.products.publish(actor, id, dto.version);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles(Role.BANK)
  @ApiOperation({ summary: '下架产品' })
  @ApiErrors(400, 401, 403, 404, 409)
  withdraw(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ProductVersionDto) {
    return this.products.withdraw(actor, id, dto.version);
  }
}
