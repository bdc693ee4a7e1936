import { CLASS_HASH } from '../components/class-names';

// Minimal look for the stand-in components, written against the same local class names
// stripes-components uses (`.name---hash`). Injected once at start-up.
const h = (local: string) => `.${local}---${CLASS_HASH}`;

const CSS = `
* { box-sizing: border-box; }
html, body, #root { height: 100%; margin: 0; }
body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222; background: #f4f4f4; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
#root { display: flex; flex-direction: column; }
#ModuleContainer { flex: 1; min-height: 0; display: flex; flex-direction: column; position: relative; }
#ModuleContainer > div[data-module] { flex: 1; min-height: 0; display: flex; }
${h('mainNav')} { display: flex; align-items: center; justify-content: space-between; background: #1a1a2e; color: #fff; padding: 0 12px; height: 44px; }
${h('navButtons')} { display: flex; gap: 4px; align-items: center; }
${h('brand')} { font-weight: 700; margin-right: 16px; }
${h('navButton')} { color: #fff; text-decoration: none; padding: 10px 12px; border-radius: 4px; }
${h('navButton')}${h('active')}, ${h('navButton')}:hover { background: #2f3f6f; }
${h('navUser')} { display: flex; gap: 8px; align-items: center; }
${h('paneset')} { display: flex; flex: 1; min-height: 0; width: 100%; }
${h('pane')} { display: flex; flex-direction: column; background: #fff; border-right: 1px solid #ddd; min-height: 0; }
${h('paneHeader')} { display: flex; align-items: center; min-height: 44px; border-bottom: 1px solid #ddd; padding: 0 8px; gap: 8px; }
${h('paneTitle')} { flex: 1; min-width: 0; text-align: center; }
${h('paneTitleLabel')} { font-size: 15px; margin: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
${h('paneSub')} { margin: 0; font-size: 12px; color: #666; }
${h('paneHeaderButtonsArea')} { display: flex; gap: 4px; align-items: center; }
${h('paneContent')} { flex: 1; overflow: auto; }
${h('dropdown')} { position: relative; }
${h('actionMenuToggle')} { margin: 0; }
${h('DropdownMenu')} { position: absolute; right: 0; top: calc(100% + 4px); z-index: 900; min-width: 220px; max-height: 70vh; overflow: auto; background: #fff; border: 1px solid #ccc; border-radius: 6px; box-shadow: 0 4px 14px rgba(0,0,0,.18); padding: 6px; display: flex; flex-direction: column; }
${h('dropdownItem')} { justify-content: flex-start; width: 100%; border: 0; border-radius: 4px; margin: 0; text-align: left; }
${h('dropdownItem')}:hover, ${h('dropdownItem')}:focus { background: #e3eefa; }
${h('paneContentPadding')} { padding: 12px; }
${h('paneFooter')} { display: flex; justify-content: space-between; border-top: 1px solid #ddd; padding: 8px; }
${h('button')} { display: inline-flex; align-items: center; justify-content: center; gap: 4px; min-height: 32px; padding: 4px 12px; margin: 0 4px 8px 0; border: 1px solid #bbb; border-radius: 6px; background: #fff; color: #222; cursor: pointer; font: inherit; text-decoration: none; }
${h('button')}:disabled { opacity: .5; cursor: default; }
${h('primary')} { background: #2b75bb; border-color: #2b75bb; color: #fff; }
${h('danger')} { background: #b33; border-color: #b33; color: #fff; }
${h('fullWidth')} { width: 100%; }
${h('marginBottom0')} { margin-bottom: 0; }
${h('slim')} { min-height: 24px; padding: 2px 8px; margin: 0; }
${h('iconButton')} { border: 0; background: transparent; font-size: 18px; cursor: pointer; padding: 2px 8px; }
${h('textField')}, ${h('select')}, ${h('textArea')} { margin-bottom: 12px; }
${h('label')} { display: block; font-weight: 600; margin-bottom: 4px; }
${h('asterisk')} { color: #b33; margin-left: 2px; }
${h('inputGroup')} { display: flex; align-items: center; }
${h('formControl')} { width: 100%; min-height: 32px; padding: 4px 8px; border: 1px solid #bbb; border-radius: 4px; font: inherit; background: #fff; }
${h('formControl')}[aria-invalid=true] { border-color: #b33; }
${h('feedbackError')} { color: #b33; font-size: 13px; margin-top: 4px; }
${h('feedbackWarning')} { color: #a60; font-size: 13px; }
${h('checkbox')} { margin: 4px 0; }
${h('checkboxLabel')} { display: flex; gap: 6px; align-items: center; cursor: pointer; }
${h('accordion')} { border-top: 1px solid #e4e4e4; padding: 4px 0 8px; }
${h('defaultCollapseButton')} { border: 0; background: none; font: inherit; font-weight: 700; cursor: pointer; padding: 6px 0; width: 100%; text-align: left; }
${h('labelArea')} { margin: 0; font-size: 14px; }
${h('kvRoot')} { margin-bottom: 10px; }
${h('kvLabel')} { font-size: 12px; color: #666; }
${h('kvValue')} { word-break: break-word; }
${h('mclContainer')} { width: 100%; }
${h('mclScrollable')} { width: 100%; }
${h('mclHeaderRow')}, ${h('mclRow')} { display: flex; }
${h('mclHeader')}, ${h('mclCell')} { flex: 1 1 0; min-width: 0; padding: 6px 8px; overflow: hidden; text-overflow: ellipsis; overflow-wrap: anywhere; }
${h('mclHeader')} { font-weight: 700; border-bottom: 2px solid #ddd; background: #fafafa; }
${h('mclClickableHeader')} { cursor: pointer; user-select: none; }
${h('mclSortIndicator')} { margin-left: 4px; font-size: 10px; }
${h('mclRow')} { border-bottom: 1px solid #eee; }
${h('mclIsOdd')} { background: #fafafa; }
${h('mclClickableRow')} { cursor: pointer; }
${h('mclClickableRow')}:hover, ${h('mclSelected')} { background: #e3eefa; }
${h('mclEmptyMessage')} { padding: 24px; text-align: center; color: #666; }
${h('mclEndOfListContainer')} { padding: 12px; text-align: center; }
${h('mclEndOfList')} { display: inline-block; width: 32px; border-top: 2px solid #ccc; vertical-align: middle; }
[data-test-message-banner] { padding: 10px 12px; border-radius: 4px; margin: 8px 0; border: 1px solid #ccd; background: #eef; }
[data-test-message-banner]${h('type-error')} { border-color: #e0a0a0; background: #fbeaea; }
[data-test-message-banner]${h('type-warning')} { border-color: #e0c080; background: #fff6e0; }
${h('calloutBase')} { position: fixed; top: 52px; left: 50%; transform: translateX(-50%); z-index: 1000; display: flex; flex-direction: column; gap: 8px; }
${h('message')} { display: flex; align-items: center; gap: 8px; min-width: 320px; max-width: 640px; padding: 10px 12px; border-radius: 6px; color: #fff; background: #2e7d32; box-shadow: 0 2px 8px rgba(0,0,0,.2); }
${h('message')}${h('error')} { background: #b33; }
${h('message')}${h('warning')} { background: #a60; }
${h('message')}${h('info')} { background: #2b75bb; }
${h('calloutMessage')} { flex: 1; }
${h('calloutCloseButton')} { color: #fff; }
${h('loading')} { padding: 16px; text-align: center; }
${h('spinner')} { display: inline-block; width: 20px; height: 20px; border: 3px solid #ccc; border-top-color: #2b75bb; border-radius: 50%; animation: rs-spin 1s linear infinite; }
@keyframes rs-spin { to { transform: rotate(360deg); } }
${h('NavListItem')} { display: block; padding: 8px; color: #222; text-decoration: none; border-radius: 4px; }
${h('NavListItem')}${h('isActive')} { background: #e3eefa; font-weight: 700; }
${h('headline')} { margin: 12px 0 8px; }
${h('loginPage')} { display: flex; flex: 1; align-items: center; justify-content: center; }
${h('loginForm')} { width: 360px; background: #fff; padding: 24px; border-radius: 8px; box-shadow: 0 2px 12px rgba(0,0,0,.1); }
.row { display: flex; flex-wrap: wrap; margin: 0 -6px; }
.row > [class^=col-] { padding: 0 6px; }
${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((n) => `.col-xs-${n} { flex: 0 0 ${(n / 12) * 100}%; max-width: ${(n / 12) * 100}%; }`).join('\n')}
`;

export function installStyles(doc: Document): void {
  if (doc.getElementById('rs-standalone-styles')) return;
  const style = doc.createElement('style');
  style.id = 'rs-standalone-styles';
  style.textContent = CSS;
  doc.head.appendChild(style);
}
