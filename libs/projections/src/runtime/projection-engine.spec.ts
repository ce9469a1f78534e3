import { openReadModel } from '../db/connect';
import { engineScenarios } from '../testing/engine-scenarios.testing';

describe('ProjectionEngine on in-memory SQLite', () => {
  engineScenarios(
    async () => openReadModel(':memory:'),
    (rm) => rm.close(),
  );
});
