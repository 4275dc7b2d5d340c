/** Public face of library-io: what other modules may import from it. */
export { LibraryIoModule } from './library-io.module';
export { seedLibrary } from './library-seed';
