import { loadDistributedConfig, runProcess, startService } from '@pls/platform-host';

// The legal-aid service of the distributed mode (README: "Distributed mode"). HTTP health and metrics on
// PORT (default 3103), commands from the gateway on PLS_LEGAL_AID_SERVICE's port.
runProcess('legal-aid service', () => startService('legal-aid', loadDistributedConfig({ PORT: '3103', ...process.env })));
