import { loadDistributedConfig, runProcess, startProjector } from '@pls/platform-host';

// The projector of the distributed mode: Kafka into MongoDB. Health and metrics on PORT (default 3200).
runProcess('projector', () => startProjector(loadDistributedConfig({ PORT: '3200', ...process.env })));
