/** @jsxRuntime automatic @jsxImportSource react */
import { createRoot } from 'react-dom/client';
import { HostApp } from './HostApp';
import { readHostConfig } from './config';
import { PatronHost } from './PatronHost';
import { patronTenantFromPath } from './patron-path';
import { installStyles } from './styles';

// Browser entry of the standalone build (webpack). A FOLIO platform never loads this file.
installStyles(document);
const container = document.getElementById('root');
// `/patron/<tenant>` is the public patron request page (no staff login); everything else the staff app
const patronTenant = patronTenantFromPath(window.location.pathname, readHostConfig().basename);
if (container) createRoot(container).render(patronTenant ? <PatronHost tenant={patronTenant} search={window.location.search} /> : <HostApp />);
