import { loadDistributedConfig, runProcess, startService } from '@pls/platform-host';

// The mediation service of the distributed mode (README: "Distributed mode"). HTTP health and metrics on
// PORT (default 3104), commands from the gateway on PLS_MEDIATION_SERVICE's port.
runProcess('mediation service', () => startService('mediation', loadDistributedConfig({ PORT: '3104', ...process.env })));
