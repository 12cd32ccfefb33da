package serve

import "embed"

// webFS holds the explorer: index.html, app.js, style.css and
// cytoscape.min.js (Cytoscape.js 3.34.4 from the npm registry, MIT
// licence, copyright The Cytoscape Consortium; its licence header is kept
// at the top of the file). Nothing is loaded from elsewhere, so the page
// works offline.
//
//go:embed web
var webFS embed.FS
