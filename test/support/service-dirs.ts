import { removeServiceDirs } from './service';

// After every hook of the test file (its services are stopped by then), its stores go.
afterAll(() => {
  removeServiceDirs();
});
