/** Public face of projects: what other modules may import from it. */
export { looksLikeZip } from './attachment-rules';
export { ProjectFilterDto } from './dto/project.dto';
export { libraryScope, likePattern, projectVisibleTo } from './library-scope';
export type { LibraryScope } from './library-scope';
export { ProjectNeedsRegistry } from './project-needs';
export type { ProjectNeeds } from './project-needs';
export { Project, ProjectCategory, ProjectReviewEvent } from './project.entity';
export { ProjectsModule } from './projects.module';
export { ProjectsService } from './projects.service';
export { longestPrefixRoute } from './review-routing';
export { projectKeywordSql } from './search-sql';
