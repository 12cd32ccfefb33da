package article

import (
	"cmp"
	"strings"

	"kg/schema"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// readHTML is the "html" format: one article per page. The bytes are
// decoded like a text file (UTF-8, else Windows-1252 with a warning,
// whatever charset the page declares) and parsed with golang.org/x/net/html,
// which decodes entities. Then:
//
//   - the article body is the <article> element (the one with the most
//     paragraph text when there are several), else <main>, else the element
//     whose <p> children hold the most text, else <body>;
//   - script, style, noscript, nav, header, footer, aside, form, button,
//     iframe, svg and template elements are dropped;
//   - each block element (<p>, <h2>–<h6>, <li>, <blockquote>, <div>, …)
//     inside the body is a paragraph, white space collapsed, <br> joined
//     with a space; <figcaption> is a caption block; an element whose class
//     or rel names a byline or author is a byline block when it is short;
//     a paragraph that is only a <time> element is a date line;
//     the paragraphs are then cleaned as in Clean (furniture, captions,
//     credits);
//   - metadata (htmlMeta): the headline is the first <h1> (in the body, else
//     anywhere), else og:title, else <title> without a " | Site" suffix.
func readHTML(path string, data []byte, warn func(string)) (*Document, error) {
	text, err := decodeText(data, warn)
	if err != nil {
		return nil, err
	}
	root, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return nil, err
	}
	body := htmlContent(root)
	meta := htmlReadMeta(root, body)
	parts := htmlParagraphs(body)
	doc, err := cleanParts(path, parts, cleanKnown{meta: meta.doc, title: meta.title})
	if err != nil {
		return nil, err
	}
	if doc.Meta.Subtitle == "" && meta.description != "" && !htmlSameStart(meta.description, htmlFirstBody(doc)) {
		doc.Meta.Subtitle = meta.description
	}
	return doc, nil
}

// htmlDropped are the elements that hold no article text.
var htmlDropped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Nav: true,
	atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Form: true,
	atom.Button: true, atom.Iframe: true, atom.Svg: true, atom.Template: true,
	atom.Select: true, atom.Textarea: true, atom.Object: true, atom.Canvas: true,
}

// htmlBlocks are the elements that start and end a paragraph; all others
// are inline.
var htmlBlocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Blockquote: true, atom.Figure: true, atom.Figcaption: true, atom.Pre: true,
	atom.Table: true, atom.Thead: true, atom.Tbody: true, atom.Tfoot: true, atom.Tr: true,
	atom.Td: true, atom.Th: true, atom.Caption: true, atom.Hr: true, atom.Address: true,
	atom.Details: true, atom.Summary: true, atom.Body: true, atom.Center: true,
}

// htmlHidden are the elements that are never shown as text. Metadata
// (headline, byline, time) is looked for outside them, also in the header
// of an article, which htmlDropped drops from the body.
var htmlHidden = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Svg: true,
}

// htmlFind returns the elements below n (n included) for which keep is true,
// in document order, not descending into dropped elements.
func htmlFind(n *html.Node, keep func(*html.Node) bool) []*html.Node {
	return htmlFindSkip(n, keep, htmlDropped)
}

// htmlFindSkip is htmlFind not descending into the elements in skip.
func htmlFindSkip(n *html.Node, keep func(*html.Node) bool, skip map[atom.Atom]bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && skip[n.DataAtom] {
			return
		}
		if n.Type == html.ElementNode && keep(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func htmlIs(a atom.Atom) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.DataAtom == a }
}

// htmlText returns the text below n with white space collapsed, skipping
// dropped elements.
func htmlText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && htmlDropped[n.DataAtom]:
			return
		case n.Type == html.ElementNode && (n.DataAtom == atom.Br || htmlBlocks[n.DataAtom]):
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// htmlContent picks the element that holds the article body.
func htmlContent(root *html.Node) *html.Node {
	if articles := htmlFind(root, htmlIs(atom.Article)); len(articles) > 0 {
		best, bestLen := articles[0], -1
		for _, a := range articles {
			n := 0
			for _, p := range htmlFind(a, htmlIs(atom.P)) {
				n += len(htmlText(p))
			}
			if n > bestLen {
				best, bestLen = a, n
			}
		}
		return best
	}
	if mains := htmlFind(root, htmlIs(atom.Main)); len(mains) > 0 {
		return mains[0]
	}
	// Paragraph density: the parent whose <p> children hold the most text.
	score := map[*html.Node]int{}
	var best *html.Node
	for _, p := range htmlFind(root, htmlIs(atom.P)) {
		if p.Parent == nil {
			continue
		}
		score[p.Parent] += len(htmlText(p))
		if best == nil || score[p.Parent] > score[best] {
			best = p.Parent
		}
	}
	if best != nil && score[best] > 0 {
		return best
	}
	if bodies := htmlFind(root, htmlIs(atom.Body)); len(bodies) > 0 {
		return bodies[0]
	}
	return root
}

// htmlParagraphs cuts the content element into paragraphs: each block
// element starts and ends one. <h1> is left out (it is the headline),
// <figcaption> gives captions, a short byline element bylines.
func htmlParagraphs(content *html.Node) []cleanPart {
	var parts []cleanPart
	var cur strings.Builder
	kind := BlockKind("")
	inTime, outsideTime := 0, false // a paragraph that is only a <time> is a date line
	flush := func() {
		if t := strings.TrimSpace(cur.String()); t != "" {
			k := kind
			switch {
			case k == Byline && len(strings.Fields(t)) > 12:
				k = ""
			case k == "" && !outsideTime:
				k = Dateline
			}
			parts = append(parts, cleanPart{k, t})
		}
		cur.Reset()
		outsideTime = false
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			outsideTime = outsideTime || (inTime == 0 && strings.TrimSpace(n.Data) != "")
			return
		case html.ElementNode:
		default:
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
			return
		}
		switch {
		case htmlDropped[n.DataAtom], n.DataAtom == atom.H1:
			return
		case n.DataAtom == atom.Br:
			cur.WriteByte(' ')
			return
		case n.DataAtom == atom.Img:
			return
		}
		if n.DataAtom == atom.Time {
			inTime++
			defer func() { inTime-- }()
		}
		block := htmlBlocks[n.DataAtom]
		outer := kind
		if block {
			flush()
			switch {
			case n.DataAtom == atom.Figcaption:
				kind = Caption
			case kind == "" && htmlIsByline(n):
				kind = Byline
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			flush()
			kind = outer
		}
	}
	walk(content)
	flush()
	return parts
}

// htmlIsByline reports whether an element's class, rel or itemprop names a
// byline or an author.
func htmlIsByline(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "class", "rel", "itemprop":
			v := strings.ToLower(a.Val)
			if strings.Contains(v, "byline") || strings.Contains(v, "author") {
				return true
			}
		}
	}
	return false
}

func htmlAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return strings.TrimSpace(a.Val)
		}
	}
	return ""
}

// htmlMeta is the metadata of a page.
type htmlMeta struct {
	doc         schema.Document
	title       string // the headline
	description string // og:description or description, a subtitle candidate
}

// htmlReadMeta reads a page's metadata:
//
//   - Author: <meta name="author">, article:author (unless a URL), else the
//     first short byline element (class or rel "byline"/"author"), "By"
//     removed;
//   - Date: article:published_time, <meta name="pubdate"/"date"/
//     "datePublished">, else <time datetime> (one marked pubdate or
//     datePublished first), as YYYY-MM-DD;
//   - URL: og:url, else <link rel="canonical">;
//   - Publisher: og:site_name;
//   - the headline: <h1>, og:title, <title> (see readHTML).
func htmlReadMeta(root, content *html.Node) htmlMeta {
	metas := map[string]string{}
	for _, m := range htmlFindSkip(root, htmlIs(atom.Meta), htmlHidden) {
		key := strings.ToLower(cmp.Or(htmlAttr(m, "property"), htmlAttr(m, "name"), htmlAttr(m, "itemprop")))
		if val := strings.Join(strings.Fields(htmlAttr(m, "content")), " "); key != "" && val != "" && metas[key] == "" {
			metas[key] = val
		}
	}
	var out htmlMeta
	out.doc.Publisher = metas["og:site_name"]
	out.doc.URL = metas["og:url"]
	if out.doc.URL == "" {
		for _, l := range htmlFindSkip(root, htmlIs(atom.Link), htmlHidden) {
			if strings.Contains(strings.ToLower(htmlAttr(l, "rel")), "canonical") {
				out.doc.URL = htmlAttr(l, "href")
				break
			}
		}
	}
	out.doc.Author = htmlAuthor(metas, root, content)
	out.doc.Date = htmlDate(metas, root)
	out.title = htmlHeadline(metas, root, content, out.doc.Publisher)
	out.description = cmp.Or(metas["og:description"], metas["description"], metas["twitter:description"])
	return out
}

func htmlAuthor(metas map[string]string, root, content *html.Node) string {
	for _, cand := range []string{metas["author"], metas["article:author"], metas["dc.creator"]} {
		if strings.HasPrefix(cand, "http://") || strings.HasPrefix(cand, "https://") {
			continue
		}
		if names := metaBylineNames(cand); len(names) > 0 {
			return names[0]
		}
	}
	for _, n := range append(htmlFindSkip(content, htmlIsByline, htmlHidden), htmlFind(root, htmlIsByline)...) {
		t := htmlText(n)
		if len(strings.Fields(t)) > 12 {
			continue
		}
		if names := metaBylineNames(t); len(names) > 0 {
			return names[0]
		}
	}
	return ""
}

func htmlDate(metas map[string]string, root *html.Node) string {
	for _, key := range []string{"article:published_time", "pubdate", "publishdate", "date", "datepublished", "dc.date", "og:published_time", "article:modified_time"} {
		if d := readDate(metas[key]); d != "" {
			return d
		}
	}
	times := htmlFindSkip(root, htmlIs(atom.Time), htmlHidden)
	for _, t := range times {
		if _, ok := htmlHasAttr(t, "pubdate"); ok || strings.EqualFold(htmlAttr(t, "itemprop"), "datePublished") {
			if d := readDate(cmp.Or(htmlAttr(t, "datetime"), htmlText(t))); d != "" {
				return d
			}
		}
	}
	for _, t := range times {
		if d := readDate(htmlAttr(t, "datetime")); d != "" {
			return d
		}
	}
	return ""
}

func htmlHasAttr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func htmlHeadline(metas map[string]string, root, content *html.Node, site string) string {
	for _, h := range append(htmlFindSkip(content, htmlIs(atom.H1), htmlHidden), htmlFind(root, htmlIs(atom.H1))...) {
		if t := htmlText(h); t != "" {
			return t
		}
	}
	if t := metas["og:title"]; t != "" {
		return htmlStripSite(t, site)
	}
	if titles := htmlFindSkip(root, htmlIs(atom.Title), htmlHidden); len(titles) > 0 {
		return htmlStripSite(htmlText(titles[0]), site)
	}
	return ""
}

// htmlStripSite removes a site name after a page title: " | Site", and
// " - Site" when the site is known from og:site_name or metaSiteSuffix.
func htmlStripSite(t, site string) string {
	if site != "" {
		for _, sep := range []string{" | ", " - ", " – ", " — ", " · "} {
			t = strings.TrimSuffix(t, sep+site)
		}
	}
	if i := strings.Index(t, " | "); i > 0 {
		t = t[:i]
	}
	return strings.TrimSpace(metaSiteSuffix.ReplaceAllString(t, ""))
}

// htmlFirstBody returns the text of the first body block.
func htmlFirstBody(doc *Document) string {
	for _, b := range doc.Blocks {
		if b.Kind == Body {
			return doc.BlockText(b)
		}
	}
	return ""
}

// htmlSameStart reports whether a description repeats the start of the
// first body paragraph (perhaps cut short with an ellipsis).
func htmlSameStart(desc, first string) bool {
	d := strings.TrimRight(strings.Join(strings.Fields(desc), " "), ".… ")
	if d == "" {
		return true
	}
	if loc := metaDatelineRe.FindStringIndex(first); loc != nil {
		first = first[loc[1]:] // "SEOUL (Reuters) - "
	}
	return strings.HasPrefix(first, d) || strings.HasPrefix(d, first)
}
