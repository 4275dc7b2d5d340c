/** Public face of products: what other modules may import from it. */
export { Product } from './product.entity';
export { ProductErrorCode } from './products.errors';
export { ProductsModule } from './products.module';
export { ProductsService, productView } from './products.service';
