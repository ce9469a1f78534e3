import { engineScenarios } from '../../libs/projections/src/testing/engine-scenarios.testing';
import { availableBackends } from './read-model-backends';

describe.each(availableBackends())('projection engine on $name', (backend) => {
  engineScenarios(backend.open, backend.dispose);
});
