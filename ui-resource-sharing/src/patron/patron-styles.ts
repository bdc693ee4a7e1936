// Styles of the patron page (rendered with it, so it looks the same in any host).
export const PATRON_STYLES = `
.rs-patron-page { max-width: 960px; margin: 0 auto; padding: 12px 16px; }
.rs-patron-header { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 8px; border-bottom: 2px solid #2b75bb; margin-bottom: 12px; }
.rs-patron-header h1 { font-size: 1.5rem; margin: 8px 0; }
.rs-patron-header-tools { display: flex; align-items: center; gap: 8px; }
.rs-patron-main form { margin-bottom: 24px; }
.rs-patron-table { width: 100%; border-collapse: collapse; }
.rs-patron-table th, .rs-patron-table td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #ddd; vertical-align: top; }
.rs-patron-muted { color: #555; font-size: 0.9em; }
`;
