import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module';
import { WorkspacesModule } from '../workspaces/workspaces.module';
import { InvitationCreatedHook } from './invitation-created.hook';
import { InvitationsService } from './invitations.service';
import { MembersResolver } from './members.resolver';
import { MembersService } from './members.service';

@Module({
  imports: [WorkspacesModule, ProjectsModule],
  providers: [MembersService, InvitationsService, MembersResolver, InvitationCreatedHook],
  exports: [MembersService, InvitationCreatedHook],
})
export class MembersModule {}
