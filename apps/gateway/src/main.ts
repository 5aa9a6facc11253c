import { loadDistributedConfig, runProcess, startGateway } from '@pls/platform-host';

// The GraphQL gateway of the distributed mode (README: "Distributed mode"), on PORT (default 3000).
runProcess('gateway', () => startGateway(loadDistributedConfig()));
