package article

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// jsonlReuters is the first Reuters-21578 record, shortened.
const jsonlReuters = `{"newid": 1, "lewissplit": "TRAIN", "date": "26-FEB-1987 15:01:01.79", "title": "BAHIA COCOA REVIEW", "dateline": "SALVADOR, Feb 26 -", "topics": ["cocoa"], "body": "Showers continued throughout the week in\nthe Bahia cocoa zone, alleviating the drought since early\nJanuary and improving prospects for the coming temporao,\nalthough normal humidity levels have not been restored,\nComissaria Smith said in its weekly review.\n    The dry period means the temporao will be late this year.\n    Arrivals for the week ended February 22 were 155,221 bags\nof 60 kilos making a cumulative total for the season of 5.93\nmln against 5.81 at the same stage last year."}`

// jsonlRead reads data as a JSON Lines input named path and returns one
// line per result, "ok SOURCE" or "err PATH:LINE: reason", and the documents.
func jsonlRead(t *testing.T, path string, data []byte) (results []string, docs []*Document, warnings []string) {
	t.Helper()
	next := readJSONL(path, bufio.NewReader(bytes.NewReader(data)), func(msg string) { warnings = append(warnings, msg) })
	for range 1000 {
		doc, err := next()
		if err == io.EOF {
			return results, docs, warnings
		}
		var fe *FileError
		switch {
		case errors.As(err, &fe):
			results = append(results, "err "+fe.Error())
		case err != nil:
			results = append(results, "fatal "+err.Error())
		default:
			checkBlocks(t, doc)
			results = append(results, "ok "+doc.Meta.Source)
			docs = append(docs, doc)
		}
	}
	t.Fatal("no io.EOF")
	return
}

func TestReadJSONLReuters(t *testing.T) {
	results, docs, warnings := jsonlRead(t, "r.jsonl", []byte(jsonlReuters+"\n"))
	if len(docs) != 1 || len(warnings) != 0 {
		t.Fatalf("results %q, warnings %q", results, warnings)
	}
	d := docs[0]
	m := d.Meta
	if m.Source != "r.jsonl#1" || m.Title != "BAHIA COCOA REVIEW" || m.Date != "1987-02-26" ||
		m.Dateline != "Salvador" || m.Publisher != "Reuters" || m.Author != "" {
		t.Errorf("meta = %+v", m)
	}
	want := []string{
		"Showers continued throughout the week in the Bahia cocoa zone, alleviating the drought since early January and improving prospects for the coming temporao, although normal humidity levels have not been restored, Comissaria Smith said in its weekly review.",
		"The dry period means the temporao will be late this year.",
		"Arrivals for the week ended February 22 were 155,221 bags of 60 kilos making a cumulative total for the season of 5.93 mln against 5.81 at the same stage last year.",
	}
	if got := blockTexts(d, Body); !equalStrings(got, want) {
		t.Errorf("body:\n%s", strings.Join(got, "\n"))
	}
	if got := blockTexts(d, Headline); !equalStrings(got, []string{"BAHIA COCOA REVIEW"}) {
		t.Errorf("headline blocks %q", got)
	}
}

func TestReadJSONL(t *testing.T) {
	tests := []struct {
		name string
		line string
		want string // "title|author|date|url|dateline|publisher|source" or "err …"
		body string // first body block
	}{
		{"text field", `{"text": "Putin hosts Kim\n\nSEOUL (Reuters) - Putin hosted Kim at a space base on Wednesday, officials said."}`,
			"Putin hosts Kim||||Seoul|Reuters|f:1", "SEOUL (Reuters) - Putin hosted Kim at a space base on Wednesday, officials said."},
		{"body field, fields win", `{"id": "a7", "title": "Analysis-Storm nears", "author": "By Jane Doe", "date": "2023-09-14T22:00:00-04:00", "url": "https://x/a", "dateline": "MIAMI (AP) -", "body": "Storm nears\n\nMIAMI (Reuters) - A storm neared the coast on Thursday, forecasters said."}`,
			"Storm nears|Jane Doe|2023-09-14|https://x/a|Miami|AP|f#a7", "Storm nears"},
		{"text wins over body", `{"text": "The text field is read first, he said on Monday.", "body": "not this"}`,
			"||||||f:1", "The text field is read first, he said on Monday."},
		{"short first paragraph stays body when a title is given", `{"title": "PROFIT UP", "body": "Shr 10 cts vs 12 cts\n    Net 1.2 mln vs 1.1 mln"}`,
			"PROFIT UP||||||f:1", "Shr 10 cts vs 12 cts"},
		{"long date", `{"date": "September 14, 2023", "text": "A body of one sentence, officials said on Monday."}`,
			"||2023-09-14||||f:1", "A body of one sentence, officials said on Monday."},
		{"authors list, numeric id", `{"id": 42, "author": ["Ann Lee", "Bo Park"], "text": "A body of one sentence, officials said on Monday."}`,
			"|Ann Lee|||||f#42", "A body of one sentence, officials said on Monday."},
		{"text as paragraphs", `{"text": ["First paragraph, he said.", "Second paragraph, she said."]}`,
			"||||||f:1", "First paragraph, he said."},
		{"no text", `{"title": "T", "url": "u"}`, `err f:1: record has no "text" or "body" field, skipped`, ""},
		{"empty after cleaning", `{"title": "T", "body": "Send a link to a friend\n|"}`, "err f:1: " + ErrNoText.Error(), ""},
		{"invalid JSON", `{"text": "unterminated}`, "err f:1: invalid JSON, skipped: unexpected end of JSON input", ""},
		{"not an object", `["text"]`, "err f:1: not a JSON object, skipped", ""},
		{"object where a string belongs", `{"text": {"a": 1}}`, "err f:1: invalid JSON, skipped: want a string, got an object", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			results, docs, _ := jsonlRead(t, "f", []byte(tt.line))
			if strings.HasPrefix(tt.want, "err ") {
				if len(results) != 1 || results[0] != tt.want {
					t.Errorf("results %q, want %q", results, tt.want)
				}
				return
			}
			if len(docs) != 1 {
				t.Fatalf("results %q", results)
			}
			m := docs[0].Meta
			got := strings.Join([]string{m.Title, m.Author, m.Date, m.URL, m.Dateline, m.Publisher, m.Source}, "|")
			if got != tt.want {
				t.Errorf("meta %q, want %q", got, tt.want)
			}
			if b := blockTexts(docs[0], Body); len(b) == 0 || b[0] != tt.body {
				t.Errorf("body %q, want first %q", b, tt.body)
			}
		})
	}
}

func TestJSONLDateline(t *testing.T) {
	tests := []struct{ in, place, agency string }{
		{"SALVADOR, Feb 26 -", "Salvador", ""},
		{"RICHMOND, Va. Feb 26 -", "Richmond", ""},
		{"Toronto, Feb 26 -", "Toronto", ""},
		{"RIO DE JANEIRO, Feb 26 - Brazil's", "Rio De Janeiro", ""},
		{"JOHANNESBURG March 13 -", "Johannesburg", ""},
		{"MONTREAL, Feb 26-", "Montreal", ""},
		{"SEOUL (Reuters) -", "Seoul", "Reuters"},
		{"us        7.8015 -", "", ""},
		{"APRIL 11 -", "", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		if place, agency := jsonlDateline(tt.in); place != tt.place || agency != tt.agency {
			t.Errorf("jsonlDateline(%q) = %q, %q; want %q, %q", tt.in, place, agency, tt.place, tt.agency)
		}
	}
}

func TestReadJSONLBadLines(t *testing.T) {
	good := func(s string) string { return `{"text": "` + s + `, officials said on Monday."}` }
	data := strings.Join([]string{
		good("One"),
		"",
		`{"text": broken`,
		good("Two") + "\r",
		`{"title": "no body"}`,
		"   ",
		"{\"text\": \"Caf\xe9 society, officials said on Monday.\"}",
		good("Three"),
	}, "\n")
	results, docs, warnings := jsonlRead(t, "x.jsonl", []byte(data))
	want := []string{
		"ok x.jsonl:1",
		"err x.jsonl:3: invalid JSON, skipped: invalid character 'b' looking for beginning of value",
		"ok x.jsonl:4",
		`err x.jsonl:5: record has no "text" or "body" field, skipped`,
		"ok x.jsonl:7",
		"ok x.jsonl:8",
	}
	if !equalStrings(results, want) {
		t.Errorf("results:\n%s\nwant:\n%s", strings.Join(results, "\n"), strings.Join(want, "\n"))
	}
	if len(warnings) != 1 || warnings[0] != "line 7: not valid UTF-8: 1 byte decoded as Windows-1252" {
		t.Errorf("warnings %q", warnings)
	}
	if len(docs) == 4 && !strings.HasPrefix(docs[2].Text, "Café society") {
		t.Errorf("Latin-1 line read as %q", docs[2].Text)
	}
}

func TestReadJSONLWholeInput(t *testing.T) {
	tests := []struct {
		name, data string
		want       []string
	}{
		{"empty", "", []string{"fatal " + ErrEmpty.Error()}},
		{"blank lines only", "\n \n\n", []string{"fatal " + ErrEmpty.Error()}},
		{"binary", "\x00\x01\x02{}", []string{"fatal " + ErrBinary.Error()}},
		{"no final newline", `{"text": "Last line without a line end, he said."}`, []string{"ok f:1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, _, _ := jsonlRead(t, "f", []byte(tt.data)); !equalStrings(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestReadJSONLLongLine(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 16 MiB line")
	}
	long := `{"text": "` + strings.Repeat("word ", jsonlMaxLine/5+1) + `"}`
	data := `{"text": "Before, he said."}` + "\n" + long + "\n" + `{"text": "After, he said."}`
	got, _, _ := jsonlRead(t, "f", []byte(data))
	want := []string{"ok f:1", "err f:2: " + ErrLineTooLong.Error(), "ok f:3"}
	if !equalStrings(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestReaderJSONLGzip reads gzip-compressed JSON Lines by extension and by
// magic bytes, through the Reader, with a bad record in the middle.
func TestReaderJSONLGzip(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(jsonlReuters + "\nnot json\n" + `{"id": "b", "text": "Second article, officials said."}` + "\n"))
	zw.Close()
	for _, name := range []string{"a.jsonl.gz", "b.jsonl", "c.data"} {
		if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, _ := readAll(t, NewReader([]string{dir}, nil, ReadOptions{}))
	j := func(s string) string { return filepath.Join(dir, s) }
	want := []string{
		"ok " + j("a.jsonl.gz#1"), "err " + j("a.jsonl.gz") + ":2: invalid JSON, skipped: invalid character 'o' in literal null (expecting 'u')", "ok " + j("a.jsonl.gz#b"),
		"ok " + j("b.jsonl#1"), "err " + j("b.jsonl") + ":2: invalid JSON, skipped: invalid character 'o' in literal null (expecting 'u')", "ok " + j("b.jsonl#b"),
		"ok " + j("c.data#1"), "err " + j("c.data") + ":2: invalid JSON, skipped: invalid character 'o' in literal null (expecting 'u')", "ok " + j("c.data#b"),
	}
	if !equalStrings(got, want) {
		t.Errorf("results:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A truncated gzip stream ends the input with an error after what it held.
	if err := os.WriteFile(j("d.jsonl.gz"), buf.Bytes()[:buf.Len()-12], 0o644); err != nil {
		t.Fatal(err)
	}
	got, _ = readAll(t, NewReader([]string{j("d.jsonl.gz")}, nil, ReadOptions{}))
	if len(got) == 0 || !strings.HasPrefix(got[len(got)-1], "err "+j("d.jsonl.gz")) {
		t.Errorf("truncated gzip: %q", got)
	}
}

func FuzzReadJSONL(f *testing.F) {
	f.Add([]byte(jsonlReuters + "\n{\"text\": \"x\"}\n"))
	f.Add([]byte("{\"text\": [\"a\", 1, null], \"id\": true}\n\n{"))
	f.Add([]byte("{\"body\": \"\\u0000\\ud800 caf\xe9\", \"date\": \"31-FEB-1987\"}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		next := readJSONL("fuzz", bufio.NewReader(bytes.NewReader(data)), func(string) {})
		for range 10000 {
			doc, err := next()
			if err == io.EOF {
				return
			}
			var fe *FileError
			if err != nil && !errors.As(err, &fe) {
				if _, err := next(); err != io.EOF {
					t.Fatalf("after a whole-input error, next = %v, want io.EOF", err)
				}
				return
			}
			if err != nil {
				continue
			}
			if !utf8.ValidString(doc.Text) {
				t.Fatalf("invalid UTF-8 in %q", doc.Text)
			}
			checkBlocks(t, doc)
		}
		t.Fatal("no io.EOF")
	})
}
