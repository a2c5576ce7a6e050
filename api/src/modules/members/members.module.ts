import { Module } from '@nestjs/common';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { InvitationsService } from './invitations.service';
import { MembersResolver } from './members.resolver';
import { MembersService } from './members.service';

@Module({
  imports: [WorkspacesModule],
  providers: [MembersService, InvitationsService, MembersResolver],
  exports: [MembersService],
})
export class MembersModule {}
