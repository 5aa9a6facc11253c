import { loadDistributedConfig, runProcess, startService } from '@pls/platform-host';

// The directory service of the distributed mode (README: "Distributed mode"). HTTP health and metrics on
// PORT (default 3101), commands from the gateway on PLS_DIRECTORY_SERVICE's port.
runProcess('directory service', () => startService('directory', loadDistributedConfig({ PORT: '3101', ...process.env })));
