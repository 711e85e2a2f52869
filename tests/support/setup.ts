// Every test file gets an in-memory IndexedDB; each test starts from an empty one (see tabs.ts).
import 'fake-indexeddb/auto';
