/** @jsxRuntime automatic @jsxImportSource react */
import { createRoot } from 'react-dom/client';
import { HostApp } from './HostApp.tsx';
import { installStyles } from './styles.ts';

// Browser entry of the standalone build (webpack). A FOLIO platform never loads this file.
installStyles(document);
const container = document.getElementById('root');
if (container) createRoot(container).render(<HostApp />);
