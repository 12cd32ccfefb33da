package article

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// htmlPage is a news page with everything readHTML reads or drops.
const htmlPage = `<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>Putin hosts Kim at space base | World | Reuters</title>
<meta property="og:title" content="Putin hosts Kim at space base">
<meta property="og:site_name" content="Reuters">
<meta property="og:url" content="https://www.reuters.com/world/putin-kim/">
<meta name="description" content="Russian President Vladimir Putin hosted North Korean leader Kim Jong Un on Wednesday.">
<meta property="article:published_time" content="2023-09-13T23:07:00-04:00">
<script>var x = "<p>not text</p>";</script>
<style>p { color: red }</style>
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<main>
<article>
<header><h1>Analysis-Putin hosts Kim at space base</h1>
<p class="byline">By <a rel="author" href="/a/josh">Josh Smith</a></p>
<time datetime="2023-09-14T01:00:00+09:00">September 14, 2023</time></header>
<p>SEOUL (Reuters) - Russian President Vladimir Putin hosted North Korean leader Kim Jong Un on Wednesday at the Vostochny Cosmodrome&nbsp;in Russia&#39;s Far East.</p>
<figure><img src="x.jpg" alt="a photo"><figcaption>Kim Jong Un and Vladimir Putin in this image released by KCNA.</figcaption></figure>
<p>The two leaders talked for hours,<br>
   officials said.</p>
<h2>Arms talks</h2>
<ul><li>Kim pledged support.</li><li>Putin offered help with satellites.</li></ul>
<form><button>Subscribe</button></form>
<div>Share this article</div>
<p>(Reporting by Josh Smith; Editing by Angus MacSwan)</p>
</article>
<aside><p>Related: something else entirely that is long enough to look like a paragraph of text.</p></aside>
</main>
<footer><p>© 2023 Reuters. All rights reserved.</p></footer>
</body></html>`

// htmlBlocks renders a document's blocks as "kind: text" lines.
func htmlDump(doc *Document) string {
	var b strings.Builder
	for _, bl := range doc.Blocks {
		fmt.Fprintf(&b, "%s: %s\n", bl.Kind, doc.BlockText(bl))
	}
	return b.String()
}

func TestReadHTMLPage(t *testing.T) {
	doc, err := readHTML("page.html", []byte(htmlPage), func(string) { t.Error("unexpected warning") })
	if err != nil {
		t.Fatal(err)
	}
	checkBlocks(t, doc)
	want := `headline: Analysis-Putin hosts Kim at space base
body: SEOUL (Reuters) - Russian President Vladimir Putin hosted North Korean leader Kim Jong Un on Wednesday at the Vostochny Cosmodrome in Russia's Far East.
caption: Kim Jong Un and Vladimir Putin in this image released by KCNA.
body: The two leaders talked for hours, officials said.
body: Arms talks
body: Kim pledged support.
body: Putin offered help with satellites.
credits: (Reporting by Josh Smith; Editing by Angus MacSwan)
`
	if got := htmlDump(doc); got != want {
		t.Errorf("blocks:\n%s\nwant:\n%s", got, want)
	}
	m := doc.Meta
	if m.Title != "Putin hosts Kim at space base" || m.Author != "Josh Smith" || m.Date != "2023-09-13" ||
		m.URL != "https://www.reuters.com/world/putin-kim/" || m.Publisher != "Reuters" || m.Dateline != "Seoul" ||
		m.Subtitle != "" || len(m.Editors) != 1 || m.Source != "page.html" {
		t.Errorf("meta = %+v", m)
	}
}

func TestReadHTML(t *testing.T) {
	long := "This paragraph is long enough to be the article body, the reporters said on Monday."
	tests := []struct {
		name string
		in   string
		body []string // body blocks
		meta string   // "title|author|date|url|publisher|subtitle"
	}{
		{
			name: "article wins over main and density",
			in: `<main><p>Main text that is not in the article, officials said on Friday.</p>
				<article><p>` + long + `</p></article></main>
				<div><p>` + long + ` One.</p><p>` + long + ` Two.</p></div>`,
			body: []string{long},
			meta: "|||||",
		},
		{
			name: "article with most paragraph text of several",
			in:   `<article><p>Short teaser text here.</p></article><article><p>` + long + `</p><p>More, she said.</p></article>`,
			body: []string{long, "More, she said."},
			meta: "|||||",
		},
		{
			name: "main without article",
			in:   `<nav><p>` + long + `</p></nav><main><p>` + long + ` Main.</p></main><div><p>` + long + ` Div.</p></div>`,
			body: []string{long + " Main."},
			meta: "|||||",
		},
		{
			name: "paragraph density",
			in: `<body><div class="menu"><p>Home</p></div>
				<div class="story"><p>` + long + `</p><h3>A heading</h3><p>Second, he said.</p></div>
				<div class="more"><p>A teaser of another story, officials said.</p></div></body>`,
			body: []string{long, "A heading", "Second, he said."},
			meta: "|||||",
		},
		{
			name: "nav header footer aside script dropped",
			in: `<body><header>Site header text</header><nav>Home | World</nav>
				<div><p>` + long + `</p><script>alert("x")</script><noscript>Enable JS</noscript>
				<aside>Pull quote aside</aside><iframe>frame</iframe><svg><text>svg text</text></svg></div>
				<footer>Footer text</footer></body>`,
			body: []string{long},
			meta: "|||||",
		},
		{
			name: "figcaption is a caption, h1 the headline",
			in:   `<h1>Floods hit &amp; close roads</h1><article><p>` + long + `</p><figure><figcaption>Water in the streets.</figcaption></figure></article>`,
			body: []string{long},
			meta: "Floods hit & close roads|||||",
		},
		{
			name: "meta fields",
			in: `<head><title>Page title - Reuters</title>
				<meta name="author" content="By Jane Doe">
				<meta name="date" content="September 14, 2023">
				<link rel="canonical" href="https://example.com/a">
				<meta name="description" content="A standfirst that is not the first paragraph.">
				<meta property="og:site_name" content="Example News"></head>
				<body><p>` + long + `</p></body>`,
			body: []string{long},
			meta: "Page title|Jane Doe|2023-09-14|https://example.com/a|Example News|A standfirst that is not the first paragraph.",
		},
		{
			name: "title suffix with the site name, byline element, time element",
			in: `<head><title>Storm nears coast | Example News</title><meta property="og:site_name" content="Example News">
				<meta property="article:author" content="https://example.com/staff/x"></head>
				<body><article><div class="article-byline">By Ann Lee and Bo Park</div><time datetime="2023-09-14">Thursday</time>
				<p>` + long + `</p></article></body>`,
			body: []string{long},
			meta: "Storm nears coast|Ann Lee|2023-09-14||Example News|",
		},
		{
			name: "description repeating the first paragraph is no subtitle",
			in:   `<head><meta property="og:description" content="This paragraph is long enough to be the article body…"></head><p>` + long + `</p>`,
			body: []string{long},
			meta: "|||||",
		},
		{
			name: "loose text and br",
			in:   `<div>First line<br>continues here, he said on Monday in a long sentence.<p>Second paragraph, she said.</p>tail text, they said.</div>`,
			body: []string{"First line continues here, he said on Monday in a long sentence.", "Second paragraph, she said.", "tail text, they said."},
			meta: "|||||",
		},
		{
			name: "not html at all",
			in:   "Plain words in a file named .html, he said on Monday evening.",
			body: []string{"Plain words in a file named .html, he said on Monday evening."},
			meta: "|||||",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := readHTML("t.html", []byte(tt.in), func(string) {})
			if err != nil {
				t.Fatal(err)
			}
			checkBlocks(t, doc)
			if got := blockTexts(doc, Body); strings.Join(got, "\n") != strings.Join(tt.body, "\n") {
				t.Errorf("body blocks:\n%s\nwant:\n%s\nall blocks:\n%s", strings.Join(got, "\n"), strings.Join(tt.body, "\n"), htmlDump(doc))
			}
			m := doc.Meta
			if got := strings.Join([]string{m.Title, m.Author, m.Date, m.URL, m.Publisher, m.Subtitle}, "|"); got != tt.meta {
				t.Errorf("meta = %q, want %q", got, tt.meta)
			}
		})
	}
}

func TestReadHTMLErrors(t *testing.T) {
	for _, in := range []string{"", "<html><body><nav>Home</nav></body></html>", "<h1>Only a headline</h1>"} {
		if doc, err := readHTML("t.html", []byte(in), func(string) {}); err == nil {
			t.Errorf("readHTML(%q) = %q, want an error", in, doc.Text)
		}
	}
	warned := ""
	doc, err := readHTML("t.html", []byte("<meta charset=\"iso-8859-1\"><p>Chelsea fined Mutu \xa3600,000, the club said on Monday.</p>"), func(m string) { warned = m })
	if err != nil || !strings.Contains(doc.Text, "£600,000") || !strings.Contains(warned, "Windows-1252") {
		t.Errorf("Latin-1 page: %v %q, warning %q", err, doc.Text, warned)
	}
}

func FuzzReadHTML(f *testing.F) {
	f.Add([]byte(htmlPage))
	f.Add([]byte("<p>a<br>b</p><figcaption>c</figcaption>"))
	f.Add([]byte("<article><h1>\xff</h1><p>x&#0;y&#xD800;</p></article>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := readHTML("fuzz.html", data, func(string) {})
		if err != nil {
			return
		}
		if !utf8.ValidString(doc.Text) {
			t.Fatalf("invalid UTF-8 in %q", doc.Text)
		}
		checkBlocks(t, doc)
	})
}
