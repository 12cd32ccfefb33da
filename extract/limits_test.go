package extract

import (
	"context"
	"errors"
	"strings"
	"testing"

	"kg/article"
)

func TestCapSentences(t *testing.T) {
	text := strings.Repeat("word ", 1000) + strings.Repeat("é", 3000) + " end."
	got := capSentences(text, []span{{0, len(text)}})
	if len(got) < 3 {
		t.Fatalf("capSentences gave %d pieces", len(got))
	}
	at := 0
	for _, s := range got {
		piece := text[s.Start:s.End]
		if s.End-s.Start > maxSentenceBytes || s.Start < at || strings.TrimSpace(piece) != piece {
			t.Errorf("piece [%d,%d) %.20q…", s.Start, s.End, piece)
		}
		if !utf8Valid(piece) {
			t.Errorf("piece [%d,%d) cuts a character", s.Start, s.End)
		}
		at = s.End
	}
	if got[len(got)-1].End != len(text) {
		t.Errorf("last piece ends at %d, want %d", got[len(got)-1].End, len(text))
	}
	short := []span{{0, 5}}
	if got := capSentences("short", short); len(got) != 1 {
		t.Errorf("a short sentence was cut: %v", got)
	}
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

func TestExtractTextTooLong(t *testing.T) {
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	d := &article.Document{Text: strings.Repeat("a ", maxTextBytes)}
	if _, err := x.Extract(context.Background(), d); !errors.Is(err, article.ErrTextTooLong) {
		t.Errorf("Extract of %d bytes: %v, want ErrTextTooLong", len(d.Text), err)
	}
}

func BenchmarkCapSentences(b *testing.B) {
	text := strings.Repeat("word ", 20000)
	b.ReportAllocs()
	for b.Loop() {
		capSentences(text, []span{{0, len(text)}})
	}
}
