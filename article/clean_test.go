package article

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kg/internal/testkit"
)

func TestFurnitureClass(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"share link", "Send a link to a friend", "share"},
		{"share article", "Share this article", "share"},
		{"share buttons", "Facebook | Twitter | Email", "share"},
		{"navigation click", "Click here to subscribe to our newsletter", "navigation"},
		{"navigation read more", "Read more: Putin hosts Kim", "navigation"},
		{"column marker", "[to top of second column]", "column-marker"},
		{"separator bar", "|", "separator"},
		{"separator stars", "***", "separator"},
		{"separator dashes", "---", "separator"},
		{"copyright", "© 2023 Thomson Reuters. All rights reserved.", "copyright"},
		{"copyright bracketed", "[© 2023 Thomson Reuters. All rights reserved.]", "copyright"},
		{"rights", "This material may not be published, broadcast, rewritten or redistributed.", "rights"},
		{"responsibility", "Thomson Reuters is solely responsible for this content.", "responsibility"},
		{"standards", "Our Standards: The Thomson Reuters Trust Principles.", "standards"},
		{"agency trailer", " Reuter", "agency-trailer"},
		// Prose, and hard-wrapped fragments of prose, are never furniture.
		{"prose see more", "see more clearly than ever, the report said, adding that", ""},
		{"prose copyright", "Copyright law is changing in Europe.", ""},
		{"prose reuters", "Reuters reported on Monday.", ""},
		{"prose share", "share of the market rose to 12 percent", ""},
		{"empty", "   ", ""},
	}
	covered := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := furnitureClass(tt.in); got != tt.want {
				t.Errorf("furnitureClass(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
		covered[tt.want] = true
	}
	for _, p := range furnitureTable {
		if !covered[p.class] {
			t.Errorf("furniture class %q has no test case", p.class)
		}
	}
}

func TestCleanDropsFurniture(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string // the body paragraphs
	}{
		{
			name: "run into the last sentence",
			in: "Headline here\n\nThe story ends with a sentence that is long enough, he said.\n\n" +
				"That was the end.[© 2023 Thomson Reuters. All rights reserved.]This material may not be published, " +
				"broadcast, rewritten or redistributed.",
			want: []string{"The story ends with a sentence that is long enough, he said.", "That was the end."},
		},
		{
			name: "agency trailer run into the last line",
			in:   "Headline here\n\nThe company said profits rose in the first quarter of the year. REUTER",
			want: []string{"The company said profits rose in the first quarter of the year."},
		},
		{
			name: "wrapped notice after credits",
			in: "Headline here\nThe story ends with a sentence that is long enough to be prose.\n" +
				"(Reporting by Ann Lee; Editing by Bo Kim)\n[© 2023 Thomson Reuters. All rights\n" +
				"reserved.]This material may not be published,\nbroadcast, rewritten or redistributed.\n" +
				"Thompson Reuters is solely responsible for this content. |",
			want: []string{"The story ends with a sentence that is long enough to be prose."},
		},
		{
			name: "lines in the middle",
			in: "Headline here\nSend a link to a friend\nShare this article\nThe first paragraph is a full sentence of prose here.\n" +
				"[to top of second column]\n|\n***\n---\nThe second paragraph is also a sentence of prose.\nReuter\n",
			want: []string{"The first paragraph is a full sentence of prose here.", "The second paragraph is also a sentence of prose."},
		},
		{
			name: "inline column marker",
			in:   "Headline here\n\nThe first sentence is here. [to top of second column] The second one follows it.",
			want: []string{"The first sentence is here. The second one follows it."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Clean("t.txt", tt.in)
			if err != nil {
				t.Fatal(err)
			}
			checkBlocks(t, doc)
			if got := blockTexts(doc, Body); !equalStrings(got, tt.want) {
				t.Errorf("body = %q\nwant   %q", got, tt.want)
			}
		})
	}
}

func TestCaptionCues(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"image released", "Kim attends a meeting in this image released by North Korea's KCNA.", "image-released"},
		{"via reuters", "Putin and Kim shake hands. KCNA via REUTERS", "agency-credit"},
		{"reuters photographer", "Protesters march in Seoul. REUTERS/Kim Hong-Ji", "agency-credit"},
		{"photo label", "Photo: Josh Smith", "photo-label"},
		{"ap photo", "Kim waves to the crowd. (AP Photo/Ahn Young-joon)", "ap-photo"},
		{"photographer", "Kim waves to the crowd. Jim Watson/AFP", "photographer"},
		{"prose", "Reuters reported that Kim arrived by train, officials said.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := captionClass(tt.in); got != tt.want {
				t.Errorf("captionClass(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCleanUnwrap(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string // "kind: text" of every block
	}{
		{
			name: "hard-wrapped paragraph",
			in: "A headline\nThe two countries have an interest in demonstrating that, despite their\n" +
				"geopolitical isolation, they have partners they can call on. And both\n" +
				"seek to weaken sanctions and pressure campaigns, analysts said.\n",
			want: []string{"headline: A headline", "body: The two countries have an interest in demonstrating that, despite their " +
				"geopolitical isolation, they have partners they can call on. And both seek to weaken sanctions and pressure campaigns, analysts said."},
		},
		{
			name: "short last line ends a paragraph",
			in: "A headline\nWhatever practical cooperation emerges from this week's summit, their\n" +
				"deepening relationship is aimed at sending their rivals a warning.\n" +
				"Calling each other comrade, the men toasted their friendship on\nWednesday.\n",
			want: []string{"headline: A headline",
				"body: Whatever practical cooperation emerges from this week's summit, their deepening relationship is aimed at sending their rivals a warning.",
				"body: Calling each other comrade, the men toasted their friendship on Wednesday."},
		},
		{
			name: "full line ending a sentence: continuation word joins, other starts break",
			in: "A headline\nLankov also said that Russia may be unlikely to provide North Korea\n" +
				"with advanced technology that it could eventually lose control of.\n" +
				"But its signaling at defense cooperation allows it to send a message,\n" +
				"and they held talks alongside their defense ministers about it all.\n" +
				"The two countries have an interest in demonstrating their resolve.\n",
			want: []string{"headline: A headline",
				"body: Lankov also said that Russia may be unlikely to provide North Korea with advanced technology that it could eventually lose control of. " +
					"But its signaling at defense cooperation allows it to send a message, and they held talks alongside their defense ministers about it all.",
				"body: The two countries have an interest in demonstrating their resolve."},
		},
		{
			name: "caption between paragraphs",
			in: "A headline\nDiscussions of any open violation of U.N. Security Council resolutions\n" +
				"would signal that major agencies will be paralyzed, said Andrei Lankov.\n" +
				"Russia's President Vladimir Putin and North Korea's leader Kim Jong\n" +
				"Un attend a meeting at the Vostochny Cosmodrome in the far eastern\n" +
				"Amur region, Russia, September 13, 2023 in this image released by\n" +
				"North Korea's Korean Central News Agency. KCNA via REUTERS\n" +
				"The summit is an indicator that North Korea-related Security Council\n" +
				"resolutions are dead, as are all attempts to stop North Korea, he said.\n",
			want: []string{"headline: A headline",
				"body: Discussions of any open violation of U.N. Security Council resolutions would signal that major agencies will be paralyzed, said Andrei Lankov.",
				"caption: Russia's President Vladimir Putin and North Korea's leader Kim Jong Un attend a meeting at the Vostochny Cosmodrome in the far eastern " +
					"Amur region, Russia, September 13, 2023 in this image released by North Korea's Korean Central News Agency. KCNA via REUTERS",
				"body: The summit is an indicator that North Korea-related Security Council resolutions are dead, as are all attempts to stop North Korea, he said."},
		},
		{
			name: "hyphen at a line end joins the word",
			in:   "A headline\nThe summit is an indicator that the North Korea-\nrelated resolutions are dead, he said.\n",
			want: []string{"headline: A headline", "body: The summit is an indicator that the North Korea-related resolutions are dead, he said."},
		},
		{
			name: "indented first lines",
			in: "Showers continued throughout the week in the Bahia cocoa zone,\nalleviating the drought, Comissaria Smith said.\n" +
				"    The dry period means the temporao will be late this year and\nthe crop smaller.\n",
			want: []string{"body: Showers continued throughout the week in the Bahia cocoa zone, alleviating the drought, Comissaria Smith said.",
				"body: The dry period means the temporao will be late this year and the crop smaller."},
		},
		{
			name: "blank-line paragraphs, CRLF and form feed",
			in: "Ad sales boost Time Warner profit\r\n\r\nQuarterly profits at US media giant TimeWarner jumped 76% to $1.13bn for the three months to December.\r\n\r\n" +
				"The firm benefited from sales of high-speed internet connections and higher advert sales, it said in a statement on Friday.\fIts profits were buoyed by one-off gains which offset a profit dip at Warner Bros.\x07",
			want: []string{"headline: Ad sales boost Time Warner profit",
				"body: Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn for the three months to December.",
				"body: The firm benefited from sales of high-speed internet connections and higher advert sales, it said in a statement on Friday.",
				"body: Its profits were buoyed by one-off gains which offset a profit dip at Warner Bros."},
		},
		{
			name: "header blocks and credits",
			in: "Analysis-With defiant summit, Putin and Kim send rivals a warning\n\nRussia's Putin and North Korea's Kim meet in Amur region\n\n" +
				"By Josh Smith\n\n[September 14, 2023]\n\nSEOUL (Reuters) - Whatever cooperation emerges, analysts said.\n\n" +
				"UKRAINE FACTOR\n\nThat was the end, he said. (Reporting by Josh Smith; Editing by Angus MacSwan)",
			want: []string{"headline: Analysis-With defiant summit, Putin and Kim send rivals a warning",
				"subtitle: Russia's Putin and North Korea's Kim meet in Amur region",
				"byline: By Josh Smith", "dateline: [September 14, 2023]",
				"body: SEOUL (Reuters) - Whatever cooperation emerges, analysts said.",
				"body: UKRAINE FACTOR", "body: That was the end, he said.",
				"credits: (Reporting by Josh Smith; Editing by Angus MacSwan)"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Clean("t.txt", tt.in)
			if err != nil {
				t.Fatal(err)
			}
			checkBlocks(t, doc)
			var got []string
			for _, b := range doc.Blocks {
				got = append(got, string(b.Kind)+": "+doc.BlockText(b))
			}
			if !equalStrings(got, tt.want) {
				t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestCleanNothingLeft(t *testing.T) {
	for _, in := range []string{"", " \n\t\n", "Send a link to a friend\n|\n[© 2023 Thomson Reuters. All rights reserved.]", "\x00\x01\x02"} {
		if doc, err := Clean("t.txt", in); !errors.Is(err, ErrNoText) {
			t.Errorf("Clean(%q) = %v, %v; want ErrNoText", in, doc, err)
		}
	}
}

func TestCleanOffsets(t *testing.T) {
	inputs := []string{
		"One line only",
		"Headline\n\nBody text here, with a sentence.\n\n\n\nAnother one.",
		"Title\r\nBy A and B\r\n\fA paragraph.\u2029Another paragraph.",
	}
	for _, name := range []string{"000_f8b20b585b8eaca7.txt", "001_3ebc4e8f6ec20546.txt"} {
		if data, err := os.ReadFile(filepath.Join(testkit.SharedRoot(), "seeds", name)); err == nil {
			inputs = append(inputs, string(data))
		}
	}
	for _, in := range inputs {
		doc, err := Clean("t.txt", in)
		if err != nil {
			t.Fatalf("Clean(%.40q): %v", in, err)
		}
		checkBlocks(t, doc)
	}
}

// checkBlocks holds the offset contract: every block is a non-empty,
// trimmed slice of Text without blank lines, blocks are ordered and do not
// overlap, and Text is exactly the blocks joined by "\n\n".
func checkBlocks(t testing.TB, doc *Document) {
	t.Helper()
	var parts []string
	prevEnd := 0
	for i, b := range doc.Blocks {
		if b.Start < prevEnd || b.End <= b.Start || b.End > len(doc.Text) {
			t.Fatalf("block %d [%d,%d) out of order or out of range (prev end %d, len %d)", i, b.Start, b.End, prevEnd, len(doc.Text))
		}
		s := doc.Text[b.Start:b.End]
		if s != doc.BlockText(b) || strings.Contains(s, "\n\n") || strings.TrimSpace(s) != s {
			t.Fatalf("block %d %q: bad text", i, s)
		}
		parts = append(parts, s)
		prevEnd = b.End
	}
	if got := strings.Join(parts, "\n\n"); got != doc.Text {
		t.Fatalf("Text is not the blocks joined by blank lines:\n%q\n%q", got, doc.Text)
	}
}

func blockTexts(doc *Document, kind BlockKind) []string {
	var out []string
	for _, b := range doc.Blocks {
		if b.Kind == kind {
			out = append(out, doc.BlockText(b))
		}
	}
	return out
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func FuzzClean(f *testing.F) {
	f.Add("Headline\nBy A\n[September 14, 2023]\nSEOUL (Reuters) - Text here.\n|\n© 2023 X. All rights reserved.")
	f.Add("a\r\nb\fc\x00\xff\u2029 -\n-\n")
	f.Add("UKRAINE FACTOR\n    indented\nnext. (Reporting by A; Editing by B)")
	for _, name := range []string{"000_f8b20b585b8eaca7.txt", "001_3ebc4e8f6ec20546.txt"} {
		if data, err := os.ReadFile(filepath.Join(testkit.SharedRoot(), "seeds", name)); err == nil {
			f.Add(string(data))
		}
	}
	f.Fuzz(func(t *testing.T, in string) {
		doc, err := Clean("fuzz.txt", in)
		if err != nil {
			if !errors.Is(err, ErrNoText) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		checkBlocks(t, doc)
		if doc.Body() == "" {
			t.Fatal("document without body")
		}
	})
}

func readSeed(t *testing.T, name string) *Document {
	t.Helper()
	data, err := os.ReadFile(testkit.Shared(t, "seeds/"+name))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Clean(name, string(data))
	if err != nil {
		t.Fatal(err)
	}
	checkBlocks(t, doc)
	return doc
}

func TestSeedScraped(t *testing.T) {
	doc := readSeed(t, "000_f8b20b585b8eaca7.txt")
	m := doc.Meta
	if !strings.Contains(m.Title, "defiant summit") || m.Author != "Josh Smith" || m.Date != "2023-09-14" ||
		m.Dateline != "Seoul" || m.Publisher != "Reuters" || !equalStrings(m.Editors, []string{"Angus MacSwan"}) {
		t.Errorf("meta = %+v", m)
	}
	captions := blockTexts(doc, Caption)
	if len(captions) != 1 || !strings.Contains(captions[0], "Vostochny Cosmodrome") || !strings.HasSuffix(captions[0], "KCNA via REUTERS") {
		t.Errorf("captions = %q, want one with the Vostochny Cosmodrome", captions)
	}
	for _, b := range doc.Blocks {
		s := doc.BlockText(b)
		for _, bad := range []string{"Send a link", "second column", "All rights", "rewritten or redistributed", "solely responsible", "|"} {
			if strings.Contains(s, bad) {
				t.Errorf("%s block %q contains furniture %q", b.Kind, s, bad)
			}
		}
	}
	const denied = "Both Russia and North Korea have denied U.S. claims that they plan to provide each other with weapons, " +
		"but the leaders promised to deepen defense cooperation, and Putin said Russia would help the North build satellites."
	body := blockTexts(doc, Body)
	found := false
	for _, p := range body {
		found = found || p == denied
	}
	if !found {
		t.Errorf("no body paragraph is exactly %q", denied)
	}
	for _, want := range []string{
		"University.", // the paragraph before the caption ends intact
		"The summit is an indicator that North Korea-related Security Council resolutions are dead, as are all attempts to stop North Korea or penalize it for having a nuclear program, he said.",
	} {
		ok := false
		for _, p := range body {
			ok = ok || strings.HasSuffix(p, want)
		}
		if !ok {
			t.Errorf("no body paragraph ends with %q", want)
		}
	}
	if c := blockTexts(doc, Credits); !equalStrings(c, []string{"(Reporting by Josh Smith; Editing by Angus MacSwan)"}) {
		t.Errorf("credits = %q", c)
	}

	clean := readSeed(t, "001_3ebc4e8f6ec20546.txt")
	n000, n001 := len(body), len(blockTexts(clean, Body))
	t.Logf("body paragraphs: 000 (scraped) %d, 001 (clean) %d", n000, n001)
	if d := n000 - n001; d < -1 || d > 2 { // 000 has a "UKRAINE FACTOR" subheading 001 lacks
		t.Errorf("scraped copy has %d body paragraphs, clean copy %d", n000, n001)
	}
}

func TestSeedClean(t *testing.T) {
	doc := readSeed(t, "001_3ebc4e8f6ec20546.txt")
	m := doc.Meta
	if m.Title != "With defiant summit, Putin and North Korea's Kim send rivals a warning" {
		t.Errorf("title = %q", m.Title)
	}
	if m.Subtitle != "Russia's President Putin and North Korea's leader Kim meet in Amur region" {
		t.Errorf("subtitle = %q", m.Subtitle)
	}
	if m.Author != "Josh Smith" || m.Dateline != "Seoul" || m.Publisher != "Reuters" || m.Date != "" {
		t.Errorf("meta = %+v", m)
	}
	if got := blockTexts(doc, Caption); len(got) != 0 {
		t.Errorf("captions = %q, want none", got)
	}
}

func TestCleanCharRefs(t *testing.T) {
	tests := []struct{ in, want string }{
		{"S&#227;o Paulo won &#163;1.8m", "São Paulo won £1.8m"},
		{"AT&amp;T and R&D", "AT&T and R&D"},
		{"caf&eacute; &#xE9;t&#233;", "café été"},
		{"&nosuchname; &lt;b&gt; AT&T", "&nosuchname; <b> AT&T"},
		{"control &#5; dropped", "control  dropped"},
	}
	for _, tt := range tests {
		if got := cleanNormalize(charRefs(tt.in)); got != tt.want {
			t.Errorf("charRefs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
