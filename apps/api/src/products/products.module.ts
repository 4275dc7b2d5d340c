import { Module } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditNames, namesByQuery } from '../audit';
import { Product } from './product.entity';
import { ProductsController } from './products.controller';
import { ProductsService } from './products.service';

@Module({
  imports: [TypeOrmModule.forFeature([Product])],
  controllers: [ProductsController],
  providers: [ProductsService],
  exports: [ProductsService],
})
export class ProductsModule {
  /** The audit log names products by name. */
  constructor(names: AuditNames, @InjectDataSource() dataSource: DataSource) {
    names.register('product', namesByQuery(dataSource, 'SELECT id, name FROM products WHERE id = ANY($1::uuid[])'));
  }
}
