package article

import (
	"strings"
	"testing"
)

func TestMetaTitle(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"analysis", "Analysis-With defiant summit, Putin and North Korea's Kim send rivals a warning", "With defiant summit, Putin and North Korea's Kim send rivals a warning"},
		{"exclusive", "EXCLUSIVE-Russia sold shells to North Korea", "Russia sold shells to North Korea"},
		{"update number", "UPDATE 2-Putin meets Kim", "Putin meets Kim"},
		{"stacked", "EXCLUSIVE-UPDATE 1-Putin meets Kim", "Putin meets Kim"},
		{"factbox colon", "FACTBOX: What we know about the summit", "What we know about the summit"},
		{"site suffix", "Putin meets Kim | Reuters", "Putin meets Kim"},
		{"hyphenated first word kept", "Anti-war protests spread", "Anti-war protests spread"},
		{"plain", "Chelsea sack Mutu", "Chelsea sack Mutu"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := metaTitle(tt.in); got != tt.want {
				t.Errorf("metaTitle(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestMetaParseDate(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"bracketed", "[September 14, 2023]", "2023-09-14"},
		{"plain", "September 14, 2023", "2023-09-14"},
		{"sept abbreviation", "Sept. 14, 2023", "2023-09-14"},
		{"british order", "14 September 2023", "2023-09-14"},
		{"weekday and time", "Thursday, September 14, 2023 3:05 AM GMT", "2023-09-14"},
		{"updated label", "Updated: Sep 14, 2023", "2023-09-14"},
		{"iso", "2023-09-14", "2023-09-14"},
		{"impossible day", "February 30, 2023", ""},
		{"prose with a date", "On September 14, 2023 the leaders met.", ""},
		{"no year", "September 14", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := metaParseDate(tt.in)
			if got != tt.want || ok != (tt.want != "") {
				t.Errorf("metaParseDate(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
			}
		})
	}
}

func TestMetaDateline(t *testing.T) {
	tests := []struct{ name, in, place, publisher string }{
		{"reuters", "SEOUL (Reuters) - Whatever practical cooperation emerges", "Seoul", "Reuters"},
		{"two words", "NEW YORK (Reuters) - Stocks rose", "New York", "Reuters"},
		{"date after comma", "WASHINGTON, March 2 - The Treasury said", "Washington", ""},
		{"state and agency", "SAN JOSE, Calif. (AP) — Apple said", "San Jose", "AP"},
		{"abbreviated place", "ST. LOUIS (Reuters) - A jury", "St. Louis", "Reuters"},
		{"no agency", "OSLO - The Norwegian government denied", "Oslo", ""},
		{"not a dateline", "NATO said on Monday - in a statement - that", "", ""},
		{"sentence", "Whatever practical cooperation emerges", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			place, pub := metaDateline(tt.in)
			if place != tt.place || pub != tt.publisher {
				t.Errorf("metaDateline(%q) = %q, %q; want %q, %q", tt.in, place, pub, tt.place, tt.publisher)
			}
		})
	}
}

func TestMetaBylineNames(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"one", "By Josh Smith", "Josh Smith"},
		{"two", "By Josh Smith and Hyonhee Shin", "Josh Smith|Hyonhee Shin"},
		{"three with place", "By Josh Smith, Hyonhee Shin and Ju-min Park in Seoul", "Josh Smith|Hyonhee Shin|Ju-min Park"},
		{"agency dropped", "By Josh Smith, Reuters", "Josh Smith"},
		{"capitals", "BY JOSH SMITH", "JOSH SMITH"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := strings.Join(metaBylineNames(tt.in), "|"); got != tt.want {
				t.Errorf("metaBylineNames(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestMetaCredits(t *testing.T) {
	tests := []struct{ name, in, authors, editors string }{
		{"reuters", "(Reporting by Josh Smith; Editing by Angus MacSwan)", "Josh Smith", "Angus MacSwan"},
		{"places and several", "(Reporting by Josh Smith in Seoul and Guy Faulconbridge in Moscow; Additional reporting by Ann Lee; Writing by Bo Kim; Editing by Gerry Doyle and Angus MacSwan)",
			"Josh Smith|Guy Faulconbridge|Bo Kim", "Gerry Doyle|Angus MacSwan"},
		{"no parentheses", "Reporting by Josh Smith", "Josh Smith", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, e := metaCredits(tt.in)
			if strings.Join(a, "|") != tt.authors || strings.Join(e, "|") != tt.editors {
				t.Errorf("metaCredits(%q) = %q, %q; want %q, %q", tt.in, a, e, tt.authors, tt.editors)
			}
		})
	}
}

func TestMetaFill(t *testing.T) {
	tests := []struct {
		name, in string
		want     string // Title|Subtitle|Author|Editors|Date|Dateline|Publisher
	}{
		{
			name: "full header",
			in: "UPDATE 1-Putin hosts Kim at space base\n\nKim arrives by train\n\nBy Josh Smith and Hyonhee Shin\n\n[Sept. 14, 2023]\n\n" +
				"SEOUL (Reuters) - Putin hosted Kim at a space base on Wednesday, officials said.\n\n(Reporting by Ann Lee; Editing by Angus MacSwan)",
			want: "Putin hosts Kim at space base|Kim arrives by train|Josh Smith|Angus MacSwan|2023-09-14|Seoul|Reuters",
		},
		{
			name: "author from credits",
			in:   "Putin hosts Kim\n\nPutin hosted Kim at a space base on Wednesday, officials said.\n\n(Reporting by Ann Lee; Editing by Bo Kim and Cy Park)",
			want: "Putin hosts Kim||Ann Lee|Bo Kim,Cy Park|||",
		},
		{
			name: "no header",
			in:   "Putin hosted Kim at a space base on Wednesday, officials said.",
			want: "||||||",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Clean("t.txt", tt.in)
			if err != nil {
				t.Fatal(err)
			}
			m := doc.Meta
			got := strings.Join([]string{m.Title, m.Subtitle, m.Author, strings.Join(m.Editors, ","), m.Date, m.Dateline, m.Publisher}, "|")
			if got != tt.want {
				t.Errorf("meta = %q\nwant   %q", got, tt.want)
			}
		})
	}
}

func TestDocumentAuthors(t *testing.T) {
	doc, err := Clean("t.txt", "A headline\n\nBy Josh Smith and Hyonhee Shin\n\nThe body is a sentence of some length, he said.\n\n(Reporting by Ann Lee)")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(doc.Authors(), "|"); got != "Josh Smith|Hyonhee Shin" {
		t.Errorf("Authors() = %q", got)
	}
	if doc.Meta.Author != "Josh Smith" {
		t.Errorf("Meta.Author = %q", doc.Meta.Author)
	}
}
