import { loadDistributedConfig, runProcess, startService } from '@pls/platform-host';

// The intake service of the distributed mode (README: "Distributed mode"). HTTP health and metrics on
// PORT (default 3102), commands from the gateway on PLS_INTAKE_SERVICE's port.
runProcess('intake service', () => startService('intake', loadDistributedConfig({ PORT: '3102', ...process.env })));
