// The pull slips' screen and print styles. On paper only the slips print (one per page), without
// the app around them: they are rendered in their own element directly under <body>.
export const PULL_SLIP_STYLES = `
.rs-pull-slip { font-family: sans-serif; color: #000; background: #fff; }
.rs-pull-slip h2 { font-size: 1.1rem; margin: 0 0 6px; }
.rs-pull-slip dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0 0; }
.rs-pull-slip dt { font-weight: bold; }
.rs-pull-slip dd { margin: 0; }
.rs-pull-slip-title { font-size: 1.05rem; font-weight: bold; }
.rs-pull-slips-table { width: 100%; border-collapse: collapse; }
.rs-pull-slips-table th, .rs-pull-slips-table td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #ddd; vertical-align: middle; }
.rs-pull-slips-actions { display: flex; gap: 8px; flex-wrap: wrap; margin: 8px 0; }
@media screen {
  .rs-print-area { display: none; }
  .rs-pull-slip { border: 1px dashed #999; padding: 12px; margin: 12px 0; max-width: 640px; }
}
@media print {
  body > *:not(.rs-print-area) { display: none !important; }
  .rs-print-area { display: block; }
  .rs-pull-slip { break-after: page; page-break-after: always; padding: 0; margin: 0 0 12mm; }
  .rs-pull-slip:last-child { break-after: auto; page-break-after: auto; }
  @page { margin: 12mm; }
}
`;
