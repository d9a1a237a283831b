// Half 1 of the multi-device simulation (simulationSuite.ts says why it is split).
import { describeSimulation } from './simulationSuite';

await describeSimulation(0);
