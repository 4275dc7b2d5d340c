import { Inject, Module } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditNames, namesByQuery } from '../audit';
import { NotificationDirectory } from '../notifications';
import { userFacts } from './user-facts';
import { User } from './user.entity';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([User])],
  controllers: [UsersController],
  providers: [UsersService],
})
export class UsersModule {
  /**
   * The audit log names users (and the actors of its entries) by display name; notifications asks
   * about users of this module (user-facts.ts; UsersWorkerModule does the same in the worker).
   */
  constructor(names: AuditNames, @InjectDataSource() dataSource: DataSource, @Inject(NotificationDirectory) directory: NotificationDirectory) {
    directory.useUsers(userFacts);
    names.register('user', namesByQuery(dataSource, 'SELECT id, display_name AS name FROM users WHERE id = ANY($1::uuid[])'));
  }
}

