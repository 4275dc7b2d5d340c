/** Public face of matching: what other modules may import from it. */
export { toMatchNeed } from './candidates';
export { MatchingModule } from './matching.module';
export { MatchingService } from './matching.service';
export { explainMatch } from './scoring';
